/**
 * Settings through which a service copies request or response payloads (patient data) somewhere readers of the
 * service's operational data can see them: full request/response execution logs, response caches. The
 * `CaResidency-DataExposure` rule, its docs and its tests read this catalogue.
 */

/** Where API Gateway keeps the payloads that a setting exposes, per resource type and property path. */
export interface DataExposureSetting {
  /** Property path relative to a method/route settings block, e.g. `DataTraceEnabled`. */
  readonly property: string;
  /** What turning it on does to the data. */
  readonly exposes: string;
}

/** API Gateway settings that copy payloads into logs. Absent means off for all of them. */
export const PAYLOAD_LOGGING: DataExposureSetting = {
  property: 'DataTraceEnabled',
  exposes:
    'writes full request and response bodies (patient data) to the execution log group API-Gateway-Execution-Logs_*, ' +
    'which API Gateway creates and does not encrypt with a customer key',
};

/** API Gateway response caches: cached responses stay on the cache cluster's disk for their TTL. */
export const RESPONSE_CACHE = {
  clusterProperty: 'CacheClusterEnabled',
  cachingProperty: 'CachingEnabled',
  encryptionProperty: 'CacheDataEncrypted',
  exposes:
    'keeps whole responses on the stage cache cluster, unencrypted unless CacheDataEncrypted is true (the default is false)',
} as const;

/**
 * Where each type keeps its method or route settings. REST stages and deployment stage descriptions cache and log
 * per method; WebSocket (v2) stages log per route and have no cache. Execution logs at `INFO` without data trace
 * hold no payloads (AWS's secure-logging guidance recommends INFO or ERROR and warns only about full request and
 * response logs), so `LoggingLevel` alone is not judged.
 */
export const DATA_EXPOSURE_TYPES = {
  'AWS::ApiGateway::Stage': { settings: 'MethodSettings', cache: true },
  'AWS::ApiGateway::Deployment': { settings: 'StageDescription.MethodSettings', cache: true },
  'AWS::ApiGatewayV2::Stage': { settings: 'RouteSettings', cache: false },
} as const;

export const DATA_EXPOSURE_SOURCES =
  'Amazon API Gateway Developer Guide, "Execution logging for REST APIs" and secure-logging guidance for ' +
  'dataTraceEnabled; "Cache settings for REST APIs"; AWS CloudFormation reference for AWS::ApiGateway::Stage ' +
  'MethodSetting, AWS::ApiGateway::Deployment StageDescription and AWS::ApiGatewayV2::Stage RouteSettings (checked 2026-11-29)';

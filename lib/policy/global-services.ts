/**
 * Resource types whose service is global and whose data path (caches, edge locations, anycast routing,
 * multi-region routing) runs outside Canada by design. Using one sends data outside Canada.
 * Value: a short reason naming where the data goes.
 */
export const GLOBAL_DATA_PATH_TYPES: Readonly<Record<string, string>> = {
  'AWS::CloudFront::Distribution':
    'CloudFront caches and serves content from edge locations worldwide; no price class keeps it in Canada (PriceClass_100 still uses the USA and Europe)',
  'AWS::CloudFront::StreamingDistribution': 'CloudFront streaming serves content from edge locations outside Canada',
  'AWS::CloudFront::Function': 'CloudFront Functions run at edge locations worldwide on viewer data',
  'AWS::CloudFront::KeyValueStore': 'CloudFront KeyValueStore data is replicated to edge locations worldwide',
  'AWS::CloudFront::RealtimeLogConfig':
    'CloudFront real-time logs carry viewer request data processed at edge locations worldwide',
  'AWS::CloudFront::ContinuousDeploymentPolicy':
    'routes viewer traffic through CloudFront edge locations outside Canada',
  'AWS::CloudFront::VpcOrigin': 'exposes a VPC origin to CloudFront edge locations outside Canada',
  'AWS::CloudFront::DistributionTenant':
    'a CloudFront distribution tenant serves content from edge locations worldwide',
  'AWS::CloudFront::ConnectionGroup': 'routes viewer traffic through CloudFront edge locations outside Canada',
  'AWS::GlobalAccelerator::Accelerator':
    'Global Accelerator terminates and routes client traffic at edge locations worldwide',
  'AWS::GlobalAccelerator::CrossAccountAttachment':
    'Global Accelerator routes client traffic through edge locations worldwide',
  'AWS::GlobalAccelerator::EndpointGroup': 'Global Accelerator routes client traffic through edge locations worldwide',
  'AWS::GlobalAccelerator::Listener': 'Global Accelerator routes client traffic through edge locations worldwide',
  'AWS::S3::MultiRegionAccessPoint':
    'an S3 Multi-Region Access Point routes requests over the AWS global network to buckets in several regions',
  'AWS::S3::MultiRegionAccessPointPolicy':
    'belongs to an S3 Multi-Region Access Point, which routes requests across regions',
  'AWS::Lightsail::Distribution':
    'Lightsail distributions are CloudFront distributions served from edge locations worldwide',
  'AWS::Lightsail::Bucket': 'Lightsail object storage is outside the Canadian regions of this policy',
};

/**
 * The FHIR R4 `Patient` endpoint of the patient-records example: `GET /Patient/{id}` and `POST /Patient`, as an API
 * Gateway (REST, Lambda proxy) handler over a store. The handler validates what it stores, even though the gateway
 * validates bodies against `PATIENT_MODEL_SCHEMA` first: the same rules, so a request the gateway lets through is
 * never stored half-checked. Errors are FHIR `OperationOutcome` resources. Nothing here logs a request or a record.
 */
import { randomUUID } from 'crypto';

/** The part of a FHIR R4 Patient this endpoint keeps (data minimisation: other elements are refused). */
export interface FhirPatient {
  readonly resourceType: 'Patient';
  readonly id?: string;
  readonly meta?: { readonly lastUpdated?: string };
  readonly identifier?: readonly { readonly system: string; readonly value: string }[];
  readonly active?: boolean;
  readonly name: readonly { readonly family?: string; readonly given?: readonly string[] }[];
  readonly gender?: 'male' | 'female' | 'other' | 'unknown';
  readonly birthDate?: string;
}

/** Where patients are kept (the example's ResidentTable in AWS; a Map in tests). */
export interface PatientStore {
  get(id: string): Promise<FhirPatient | undefined>;
  put(patient: FhirPatient): Promise<void>;
}

/** The fields of an API Gateway REST proxy event the handler reads. */
export interface PatientApiEvent {
  readonly httpMethod: string;
  readonly resource: string;
  readonly pathParameters?: Record<string, string | undefined> | null;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
}

export interface PatientApiResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

type IssueCode = 'structure' | 'required' | 'value' | 'invalid' | 'not-found' | 'not-supported' | 'exception';
interface Issue {
  readonly code: IssueCode;
  readonly diagnostics: string;
  readonly expression?: string[];
}

/** FHIR R4 `id` and `date` formats (the specification's regular expressions). */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const FHIR_DATE =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$/;
const GENDERS = ['male', 'female', 'other', 'unknown'];
const PATIENT_FIELDS = ['resourceType', 'id', 'meta', 'identifier', 'active', 'name', 'gender', 'birthDate'];
/** Bodies above this are refused before parsing (API Gateway's own limit is 10 MB; a Patient is a few KB). */
const MAX_BODY_BYTES = 64 * 1024;
const FHIR_JSON = 'application/fhir+json';

/** JSON Schema (draft 4, API Gateway models) of the Patient this endpoint accepts: the gateway's first check. */
export const PATIENT_MODEL_SCHEMA = {
  type: 'object',
  required: ['resourceType', 'name'],
  additionalProperties: false,
  properties: {
    resourceType: { type: 'string', enum: ['Patient'] },
    id: { type: 'string', pattern: FHIR_ID.source },
    meta: { type: 'object', properties: { lastUpdated: { type: 'string' } } },
    identifier: {
      type: 'array',
      items: {
        type: 'object',
        required: ['system', 'value'],
        additionalProperties: false,
        properties: { system: { type: 'string' }, value: { type: 'string' } },
      },
    },
    active: { type: 'boolean' },
    name: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { family: { type: 'string' }, given: { type: 'array', items: { type: 'string' } } },
      },
    },
    gender: { type: 'string', enum: GENDERS },
    birthDate: { type: 'string', pattern: FHIR_DATE.source },
  },
} as const;

/** Every problem of a candidate Patient, with its FHIRPath expression. */
export function validatePatient(value: unknown): Issue[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ code: 'structure', diagnostics: 'The body must be a JSON object (a FHIR Patient resource).' }];
  }
  const p = value as Record<string, unknown>;
  const issues: Issue[] = [];
  const add = (code: IssueCode, expression: string, diagnostics: string) =>
    issues.push({ code, diagnostics, expression: [expression] });
  if (p.resourceType !== 'Patient')
    add(
      'invalid',
      'Patient.resourceType',
      `resourceType is ${JSON.stringify(p.resourceType)}; this endpoint accepts 'Patient'.`,
    );
  for (const key of Object.keys(p)) {
    if (!PATIENT_FIELDS.includes(key))
      add(
        'not-supported',
        `Patient.${key}`,
        `Element '${key}' is not kept by this endpoint; send only ${PATIENT_FIELDS.join(', ')}.`,
      );
  }
  if (p.id !== undefined && (typeof p.id !== 'string' || !FHIR_ID.test(p.id)))
    add('value', 'Patient.id', 'id must be 1-64 letters, digits, "-" or ".".');
  if (p.active !== undefined && typeof p.active !== 'boolean')
    add('value', 'Patient.active', 'active must be true or false.');
  if (!Array.isArray(p.name) || p.name.length === 0) add('required', 'Patient.name', 'At least one name is required.');
  else {
    p.name.forEach((n: unknown, i: number) => {
      const at = `Patient.name[${i}]`;
      if (n === null || typeof n !== 'object' || Array.isArray(n))
        return void add('structure', at, 'A name must be an object with family and/or given.');
      const name = n as Record<string, unknown>;
      const extra = Object.keys(name).filter((k) => k !== 'family' && k !== 'given');
      if (extra.length > 0)
        add('not-supported', at, `Name elements ${extra.join(', ')} are not kept by this endpoint.`);
      if (name.family !== undefined && typeof name.family !== 'string')
        add('value', `${at}.family`, 'family must be a string.');
      if (name.given !== undefined && (!Array.isArray(name.given) || name.given.some((g) => typeof g !== 'string')))
        add('value', `${at}.given`, 'given must be a list of strings.');
      if (name.family === undefined && name.given === undefined)
        add('required', at, 'A name needs a family or a given name.');
    });
  }
  if (p.gender !== undefined && !GENDERS.includes(p.gender as string))
    add('value', 'Patient.gender', `gender is ${JSON.stringify(p.gender)}; use one of ${GENDERS.join(', ')}.`);
  if (
    p.birthDate !== undefined &&
    (typeof p.birthDate !== 'string' || !FHIR_DATE.test(p.birthDate) || !isRealDate(p.birthDate))
  ) {
    add(
      'value',
      'Patient.birthDate',
      `birthDate is ${JSON.stringify(p.birthDate)}; use a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD).`,
    );
  }
  if (p.identifier !== undefined) {
    if (!Array.isArray(p.identifier)) add('structure', 'Patient.identifier', 'identifier must be a list.');
    else {
      p.identifier.forEach((x: unknown, i: number) => {
        const ok =
          x !== null &&
          typeof x === 'object' &&
          typeof (x as Record<string, unknown>).system === 'string' &&
          typeof (x as Record<string, unknown>).value === 'string';
        if (!ok)
          add('value', `Patient.identifier[${i}]`, 'An identifier needs a system (URI) and a value, both strings.');
      });
    }
  }
  return issues;
}

/** 2025-02-30 matches the pattern but is not a day. */
function isRealDate(text: string): boolean {
  if (text.length < 10) return true;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

function respond(statusCode: number, resource: unknown, headers: Record<string, string> = {}): PatientApiResult {
  return { statusCode, headers: { 'Content-Type': FHIR_JSON, ...headers }, body: JSON.stringify(resource) };
}

function outcome(statusCode: number, issues: readonly Issue[]): PatientApiResult {
  return respond(statusCode, {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({ severity: 'error', ...i })),
  });
}

/** The handler bound to a store; `newId` makes ids deterministic in tests. */
export function createPatientHandler(
  store: PatientStore,
  newId: () => string = randomUUID,
  now: () => Date = () => new Date(),
) {
  return async (event: PatientApiEvent): Promise<PatientApiResult> => {
    if (event.httpMethod === 'GET' && event.resource === '/Patient/{id}') {
      const id = event.pathParameters?.id ?? '';
      if (!FHIR_ID.test(id))
        return outcome(400, [
          {
            code: 'value',
            diagnostics: 'The id in the path must be 1-64 letters, digits, "-" or ".".',
            expression: ['Patient.id'],
          },
        ]);
      const patient = await store.get(id);
      // The id is not echoed back: a 404 says nothing about which ids exist.
      if (!patient) return outcome(404, [{ code: 'not-found', diagnostics: 'No Patient with this id.' }]);
      return respond(200, patient);
    }
    if (event.httpMethod === 'POST' && event.resource === '/Patient') {
      const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
      if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES)
        return outcome(413, [{ code: 'structure', diagnostics: `The body is larger than ${MAX_BODY_BYTES} bytes.` }]);
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return outcome(400, [{ code: 'structure', diagnostics: 'The body is not valid JSON.' }]);
      }
      const issues = validatePatient(parsed);
      if (issues.length > 0) return outcome(400, issues);
      // FHIR create: the server assigns the id and lastUpdated, whatever the client sent.
      const id = newId();
      const patient: FhirPatient = { ...(parsed as FhirPatient), id, meta: { lastUpdated: now().toISOString() } };
      await store.put(patient);
      return respond(201, patient, { Location: `Patient/${id}` });
    }
    return outcome(405, [
      {
        code: 'not-supported',
        diagnostics: `${event.httpMethod} ${event.resource} is not supported; use GET /Patient/{id} or POST /Patient.`,
      },
    ]);
  };
}

import {
  createPatientHandler,
  FhirPatient,
  PATIENT_MODEL_SCHEMA,
  PatientStore,
} from '../../examples/patient-records/fhir/patient-handler';

// The FHIR Patient endpoint run locally against an in-memory store: no AWS.

/** A store that keeps what it is given, like the table behind the API. */
class FakePatientStore implements PatientStore {
  readonly records = new Map<string, FhirPatient>();
  async get(id: string) {
    return this.records.get(id);
  }
  async put(patient: FhirPatient) {
    this.records.set(patient.id!, patient);
  }
}

const store = new FakePatientStore();
let ids = 0;
const handler = createPatientHandler(
  store,
  () => `pt-${++ids}`,
  () => new Date('2026-11-29T04:00:00Z'),
);
const post = (body: unknown) =>
  handler({ httpMethod: 'POST', resource: '/Patient', body: typeof body === 'string' ? body : JSON.stringify(body) });
const get = (id: string) => handler({ httpMethod: 'GET', resource: '/Patient/{id}', pathParameters: { id } });

const VALID = {
  resourceType: 'Patient',
  identifier: [{ system: 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-on-patient-hcn', value: '9876543210' }],
  active: true,
  name: [{ family: 'Tremblay', given: ['Marie', 'Josée'] }],
  gender: 'female',
  birthDate: '1984-02-29',
};

describe('POST /Patient then GET /Patient/{id}', () => {
  test('a valid Patient is stored with a server id and read back', async () => {
    const created = await post({ ...VALID, id: 'client-chosen' });
    expect(created.statusCode).toBe(201);
    expect(created.headers).toEqual({ 'Content-Type': 'application/fhir+json', Location: 'Patient/pt-1' });
    const body = JSON.parse(created.body);
    expect(body).toEqual({ ...VALID, id: 'pt-1', meta: { lastUpdated: '2026-11-29T04:00:00.000Z' } });
    const read = await get('pt-1');
    expect(read.statusCode).toBe(200);
    expect(JSON.parse(read.body)).toEqual(body);
  });

  test('an invalid Patient is refused with an OperationOutcome (400) listing every problem, and nothing is stored', async () => {
    const before = store.records.size;
    const r = await post({
      resourceType: 'Patient',
      name: [],
      gender: 'f',
      birthDate: '2025-02-30',
      telecom: [{ value: '555' }],
    });
    expect(r.statusCode).toBe(400);
    expect(r.headers['Content-Type']).toBe('application/fhir+json');
    const outcome = JSON.parse(r.body);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.map((i: any) => `${i.severity} ${i.code} ${i.expression}`)).toEqual([
      'error not-supported Patient.telecom',
      'error required Patient.name',
      'error value Patient.gender',
      'error value Patient.birthDate',
    ]);
    expect(store.records.size).toBe(before);
  });

  test('a body that is not JSON, or not a Patient, is an OperationOutcome 400', async () => {
    const notJson = await post('{"resourceType": "Patient"');
    expect([notJson.statusCode, JSON.parse(notJson.body).issue[0].code]).toEqual([400, 'structure']);
    const observation = await post({ resourceType: 'Observation', name: [{ family: 'X' }] });
    expect([observation.statusCode, JSON.parse(observation.body).issue[0].expression]).toEqual([
      400,
      ['Patient.resourceType'],
    ]);
  });

  test('an unknown id is an OperationOutcome 404 that does not echo the id', async () => {
    const r = await get('does-not-exist');
    expect(r.statusCode).toBe(404);
    const outcome = JSON.parse(r.body);
    expect(outcome).toEqual({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'not-found', diagnostics: 'No Patient with this id.' }],
    });
    expect(r.body).not.toContain('does-not-exist');
  });

  test('a malformed id is a 400, another route a 405', async () => {
    expect((await get('../../etc')).statusCode).toBe(400);
    expect(
      (await handler({ httpMethod: 'DELETE', resource: '/Patient/{id}', pathParameters: { id: 'pt-1' } })).statusCode,
    ).toBe(405);
  });

  test('the gateway model refuses what the handler refuses: unknown elements, no name, other genders', () => {
    expect(PATIENT_MODEL_SCHEMA.additionalProperties).toBe(false);
    expect(PATIENT_MODEL_SCHEMA.required).toEqual(['resourceType', 'name']);
    expect(PATIENT_MODEL_SCHEMA.properties.gender.enum).toEqual(['male', 'female', 'other', 'unknown']);
    expect(new RegExp(PATIENT_MODEL_SCHEMA.properties.birthDate.pattern).test(VALID.birthDate)).toBe(true);
    expect(new RegExp(PATIENT_MODEL_SCHEMA.properties.birthDate.pattern).test('84-02-29')).toBe(false);
  });
});

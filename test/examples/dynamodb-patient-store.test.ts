import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DynamoDbPatientStore,
  DynamoDbSender,
  PATIENT_ITEM,
} from '../../examples/patient-records/fhir/dynamodb-patient-store';
import { createPatientHandler } from '../../examples/patient-records/fhir/patient-handler';

// The store the Lambda function uses, over a fake DynamoDB that keeps items as the table would (no AWS): the
// handler and the store together, and the calls the function's role must allow (GetItem and PutItem only).

type Item = Record<string, { S?: string }>;

/** Answers GetItem and PutItem (with attribute_not_exists on the key) like a DynamoDB table; records every call. */
class FakeTable implements DynamoDbSender {
  readonly items = new Map<string, Item>();
  readonly calls: string[] = [];
  async send(command: GetItemCommand | PutItemCommand): Promise<unknown> {
    this.calls.push(`${command.constructor.name} ${command.input.TableName}`);
    if (command instanceof GetItemCommand) {
      const item = this.items.get(command.input.Key![PATIENT_ITEM.key].S!);
      return { Item: item };
    }
    const id = command.input.Item![PATIENT_ITEM.key].S!;
    if (command.input.ConditionExpression && this.items.has(id))
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    this.items.set(id, command.input.Item as Item);
    return {};
  }
}

const PATIENT = { resourceType: 'Patient', name: [{ family: 'Singh', given: ['Aman'] }], birthDate: '1990-07-01' };

describe('DynamoDbPatientStore under the FHIR handler', () => {
  const table = new FakeTable();
  const handler = createPatientHandler(
    new DynamoDbPatientStore(table, 'patient-records-patients'),
    () => 'pt-1',
    () => new Date('2026-12-06T05:00:00Z'),
  );

  test('a created Patient is stored whole under its id and read back as the same resource', async () => {
    const created = await handler({ httpMethod: 'POST', resource: '/Patient', body: JSON.stringify(PATIENT) });
    expect(created.statusCode).toBe(201);
    const item = table.items.get('pt-1')!;
    expect(item[PATIENT_ITEM.lastUpdated]).toEqual({ S: '2026-12-06T05:00:00.000Z' });
    expect(JSON.parse(item[PATIENT_ITEM.resource].S!)).toEqual(JSON.parse(created.body));
    const read = await handler({ httpMethod: 'GET', resource: '/Patient/{id}', pathParameters: { id: 'pt-1' } });
    expect({ status: read.statusCode, body: JSON.parse(read.body) }).toEqual({
      status: 200,
      body: { ...PATIENT, id: 'pt-1', meta: { lastUpdated: '2026-12-06T05:00:00.000Z' } },
    });
  });

  test('an unknown id is a 404 OperationOutcome', async () => {
    const read = await handler({ httpMethod: 'GET', resource: '/Patient/{id}', pathParameters: { id: 'nobody' } });
    expect(read.statusCode).toBe(404);
    expect(JSON.parse(read.body).resourceType).toBe('OperationOutcome');
  });

  test('a create never replaces another patient: an id collision is an error naming the id, not the record', async () => {
    await expect(handler({ httpMethod: 'POST', resource: '/Patient', body: JSON.stringify(PATIENT) })).rejects.toThrow(
      /^DynamoDbPatientStore\.put: a Patient with id pt-1 already exists$/,
    );
    expect(JSON.parse(table.items.get('pt-1')![PATIENT_ITEM.resource].S!).name).toEqual(PATIENT.name);
  });

  test('only GetItem and PutItem on the named table are called (what the function role allows)', () => {
    expect([...new Set(table.calls)].sort()).toEqual([
      'GetItemCommand patient-records-patients',
      'PutItemCommand patient-records-patients',
    ]);
  });
});

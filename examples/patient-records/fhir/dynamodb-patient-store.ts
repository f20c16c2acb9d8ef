import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { FhirPatient, PatientStore } from './patient-handler';

/**
 * Item layout of the patients table: the partition key is the FHIR id, the resource is kept whole as its JSON text
 * (`resource`), and `lastUpdated` sits beside it for operators. The handler validated the resource before it gets here.
 */
export const PATIENT_ITEM = { key: 'id', resource: 'resource', lastUpdated: 'lastUpdated' } as const;

/** Environment variable naming the patients table (set by the stack, read by the Lambda entry point). */
export const PATIENTS_TABLE_ENV = 'PATIENTS_TABLE';

/** The subset of the DynamoDB client the store calls: the real client in Lambda, a recording fake in tests. */
export interface DynamoDbSender {
  send(command: GetItemCommand | PutItemCommand): Promise<unknown>;
}

/**
 * Patients in a DynamoDB table (the example's ResidentTable): only `GetItem` and `PutItem`, which is all the role of
 * the function may do on the table. A create never overwrites: the id is new, and the condition makes a collision an
 * error instead of a silent replacement of another patient's record.
 */
export class DynamoDbPatientStore implements PatientStore {
  constructor(
    private readonly client: DynamoDbSender,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<FhirPatient | undefined> {
    const out = (await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { [PATIENT_ITEM.key]: { S: id } },
        ProjectionExpression: '#r',
        ExpressionAttributeNames: { '#r': PATIENT_ITEM.resource },
        ConsistentRead: true,
      }),
    )) as { Item?: Record<string, { S?: string }> };
    const text = out.Item?.[PATIENT_ITEM.resource]?.S;
    return text === undefined ? undefined : (JSON.parse(text) as FhirPatient);
  }

  async put(patient: FhirPatient): Promise<void> {
    if (!patient.id) throw new Error('DynamoDbPatientStore.put: the patient has no id (the handler assigns one)');
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            [PATIENT_ITEM.key]: { S: patient.id },
            [PATIENT_ITEM.resource]: { S: JSON.stringify(patient) },
            [PATIENT_ITEM.lastUpdated]: { S: patient.meta?.lastUpdated ?? '' },
          },
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: { '#id': PATIENT_ITEM.key },
        }),
      );
    } catch (error) {
      // Only the id is named: the record itself never reaches an error message or a log.
      if (error instanceof ConditionalCheckFailedException)
        throw new Error(`DynamoDbPatientStore.put: a Patient with id ${patient.id} already exists`, { cause: error });
      throw error;
    }
  }
}

/** A store on the real client, for the Lambda entry point. */
export function dynamoDbPatientStore(tableName: string): DynamoDbPatientStore {
  return new DynamoDbPatientStore(new DynamoDBClient({}), tableName);
}

/**
 * The Lambda entry point of the FHIR Patient endpoint (bundled at synth with esbuild by the example's stack): the
 * handler of patient-handler.ts over the patients table named in the environment. Nothing here logs an event.
 */
import { dynamoDbPatientStore, PATIENTS_TABLE_ENV } from './dynamodb-patient-store';
import { createPatientHandler } from './patient-handler';

const tableName = process.env[PATIENTS_TABLE_ENV];
// A function deployed without its table fails at cold start with a clear message, before any request is served.
if (!tableName) throw new Error(`${PATIENTS_TABLE_ENV} is not set: the function does not know its patients table`);

export const handler = createPatientHandler(dynamoDbPatientStore(tableName));

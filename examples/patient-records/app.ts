#!/usr/bin/env node
/**
 * Patient records on cdk-ca-residency: the baseline (keys, vaults, backups, monitoring, network) in both Canadian
 * regions, and a workload stack in each region built from the package's resident constructs, with a FHIR R4
 * Patient API (ResidentApi) in front of the patient table. Synthesized with the three packs (CaResidency,
 * AwsSolutions, HIPAA.Security) and the reviewer report:
 *
 *   npm run synth:example          # cdk synth into cdk.out.example/
 *   npx ca-residency check cdk.out.example
 *
 * The FHIR API's domain: -c patientRecords:fhirDomainName=fhir.example.org (a placeholder by default), and
 * -c patientRecords:fhirCertificateArn=arn:aws:acm:ca-central-1:... to use an issued certificate instead of a new
 * DNS-validated one.
 */
import { App } from 'aws-cdk-lib';
import { writeResidencyReport } from '../../index';
import { buildPatientRecordsApp } from './patient-records-app';

const app = new App();
buildPatientRecordsApp(app);
app.synth();
writeResidencyReport(app.outdir);

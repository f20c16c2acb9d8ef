#!/usr/bin/env node
// Baseline for the reference-app synth benchmark: the same toolchain (cdk CLI, tsx, cdk.json flags) on one bucket.
import { App } from 'aws-cdk-lib';
import { buildOneBucketApp } from './generated-app';

buildOneBucketApp(new App());

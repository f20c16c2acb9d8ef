/** The reviewer residency report: inventory, findings, exemptions, controls and data flows of a cloud assembly. */
export * from './model';
export * from './build-report';
export * from './assembly-report';
export * from './backup-coverage';
export * from './exceptions';
export * from './nag-acknowledgements';
export * from './render-json';
export * from './render-markdown';
export * from './render-mermaid';
export * from './write-report';
export * from './synth-with-report';

/** `ca-residency check`: reading templates and cloud assemblies, running the rules, formatting findings. */
export * from './input-error';
export * from './cfn-yaml';
export * from './read-limits';
export * from './read-file';
export * from './json-document';
export * from './parse-document';
export * from './read-template';
export * from './read-assembly';
export * from './inputs';
export * from './options-files';
export * from './run-check';
export * from './rule-catalogue';
export * from './format-json';
export * from './format-text';
export * from './format-sarif';
export * from './format-markdown';
export * from './command';

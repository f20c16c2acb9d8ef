/** `ca-residency diff`: what a change between two cloud assemblies does to data (CDK-construct-free). */
export * from './model';
export * from './destructive';
export * from './data-stores';
export * from './stack-index';
export * from './diff-assemblies';
export * from './verdict';
export * from './describe';
export * from './sections';
export * from './render-text';
export * from './render-markdown';
export * from './render-json';
export * from './render';

/**
 * Loaded by jest before every test file (`setupFiles` in .projenrc.ts). Every `App` of the tests reads
 * this context (aws-cdk-lib takes `CDK_CONTEXT_JSON` as the CLI passes it): no construct creation
 * stack traces and no logical-id metadata with a stack trace on each L1. They go into the metadata
 * only, never into a template, and capturing them under jest's source maps cost a third of the CPU of
 * building a network. The integration apps turn them off the same way (integ/support.ts).
 */
const LEAN_CONTEXT = {
  'aws:cdk:disable-stack-trace': true,
  'aws:cdk:disable-creation-stack-traces': true,
  'aws:cdk:disable-logicalId-metadata': true,
};

process.env.CDK_CONTEXT_JSON = JSON.stringify({ ...JSON.parse(process.env.CDK_CONTEXT_JSON ?? '{}'), ...LEAN_CONTEXT });

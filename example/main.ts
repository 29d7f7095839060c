/**
 * The main job: synthesizes the bundled example network into `cdk.out` (no AWS account needed) and
 * prints what it built.
 */
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { buildExampleNetwork } from './architecture';
import { describeNetwork } from './describe';

const outdir = path.join(__dirname, '..', 'cdk.out');
const app = new App({ outdir });
const stack = new Stack(app, 'EcsAdvancedNetworkExample', {
  description: 'ecs-advanced-network example: web at /*, api at /api/*, internal orders called by api',
});
const network = buildExampleNetwork(stack);
const assembly = app.synth();
const template = assembly.getStackByName(stack.stackName).template;

process.stdout.write(describeNetwork(network, template, path.relative(process.cwd(), assembly.directory) || '.'));

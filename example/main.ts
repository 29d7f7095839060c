/**
 * The main job: synthesizes the bundled example network into `cdk.out` (no AWS account needed) and
 * prints its network report (reachability, subnets, monthly cost), which synthesis wrote into the
 * cloud assembly as Markdown and JSON.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { buildExampleNetwork } from './architecture';
import { reportFileStem } from '../src/report/network-report';

const outdir = path.join(__dirname, '..', 'cdk.out');
const app = new App({ outdir });
const stack = new Stack(app, 'EcsAdvancedNetworkExample', {
  description: 'ecs-advanced-network example: web at /*, api at /api/*, internal orders called by api',
});
const network = buildExampleNetwork(stack);
const assembly = app.synth();
const template = assembly.getStackByName(stack.stackName).template;

const where = path.relative(process.cwd(), assembly.directory) || '.';
const report = path.join(where, reportFileStem(network));
process.stdout.write(`Synthesized ${Object.keys(template.Resources).length} resources into ${where}/; ` +
  `the report below is in ${report}.md and ${report}.json\n\n`);
process.stdout.write(fs.readFileSync(`${report}.md`, 'utf8'));

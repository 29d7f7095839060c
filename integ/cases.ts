/**
 * The configurations the integration tests cover. Each builds a network into a stack; the
 * `integ.*.ts` apps wrap them in an `IntegTest` with deploy-time assertions, and the compliance
 * tests run cdk-nag over the same stacks.
 */
import { Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { buildExampleNetwork, NGINX } from '../example/architecture';
import { Egress, EcsAdvancedNetwork } from '../src';

/** One integration case. */
export interface IntegCase {
  /** The file name part: `integ.<name>.ts`. */
  readonly name: string;
  /** What the case proves. */
  readonly description: string;
  /** Builds the network into `stack`. */
  build(stack: Stack): EcsAdvancedNetwork;
}

/**
 * A certificate for the HTTPS case. Pass `-c certificateArn=...` (an ACM certificate for the hosts
 * below, in the deployment region) to run it for real; the placeholder only synthesizes.
 */
export const PLACEHOLDER_CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';

export const CASES: IntegCase[] = [
  {
    name: 'default',
    description: 'new EcsAdvancedNetwork with no options: VPC, NAT per AZ, flow logs, S3 gateway, cluster, ALB, namespace',
    build: stack => new EcsAdvancedNetwork(stack, 'Network'),
  },
  {
    name: 'example',
    description: 'the bundled example: web at /*, api at /api/* calling orders through Service Connect',
    build: stack => buildExampleNetwork(stack),
  },
  {
    name: 'https-host-routing',
    description: 'HTTPS with a certificate, HTTP redirected, host-based routing to two services',
    build: stack => {
      const certificateArn = stack.node.tryGetContext('certificateArn') ?? PLACEHOLDER_CERTIFICATE_ARN;
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        loadBalancer: { certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', certificateArn) },
      });
      network.addService('shop', {
        ...NGINX,
        routing: { hostHeaders: ['shop.example.com'] },
      });
      network.addService('admin', {
        ...NGINX,
        routing: { hostHeaders: ['admin.example.com'], pathPatterns: ['/*'] },
      });
      return network;
    },
  },
  {
    name: 'endpoints-only',
    description: 'no NAT: tasks in isolated subnets reach ECR, S3 and CloudWatch Logs through VPC endpoints',
    build: stack => {
      const network = new EcsAdvancedNetwork(stack, 'Network', { egress: Egress.endpointsOnly() });
      // Without NAT the image must come from ECR in the same region: push the example image (`IMAGE` in example/architecture.ts) to a repository named `web` first.
      const repository = ecr.Repository.fromRepositoryName(stack, 'WebRepository', 'web');
      network.addService('web', {
        ...NGINX,
        image: ecs.ContainerImage.fromEcrRepository(repository, 'latest'),
        routing: { pathPatterns: ['/*'] },
      });
      return network;
    },
  },
  {
    name: 'single-nat',
    description: 'one NAT gateway for all AZs (cheaper egress, with a synth warning)',
    build: stack => {
      const network = new EcsAdvancedNetwork(stack, 'Network', { egress: Egress.singleNatGateway() });
      network.addService('web', {
        ...NGINX,
        routing: { pathPatterns: ['/*'] },
      });
      return network;
    },
  },
  {
    name: 'imported-vpc',
    description: 'the network built on an existing VPC',
    build: stack => {
      const vpc = new ec2.Vpc(stack, 'ExistingVpc', {
        maxAzs: 2,
        natGateways: 1,
        restrictDefaultSecurityGroup: true,
        subnetConfiguration: [
          { name: 'Ingress', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
          { name: 'Application', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        ],
      });
      // flow logs are off by default for an imported VPC (its owner configures them): turn them on here
      const network = new EcsAdvancedNetwork(stack, 'Network', { vpc, flowLogs: { enabled: true } });
      network.addService('web', {
        ...NGINX,
        routing: { pathPatterns: ['/*'] },
      });
      return network;
    },
  },
  {
    name: 'internal-alb',
    description: 'an internal load balancer in the task subnets, reachable from the VPC only',
    build: stack => {
      const network = new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: { internetFacing: false } });
      network.addService('api', {
        ...NGINX,
        routing: { pathPatterns: ['/api/*'] },
      });
      return network;
    },
  },
];

/** The case with this name. */
export function integCase(name: string): IntegCase {
  const c = CASES.find(x => x.name === name);
  if (!c) throw new Error(`no integration case named ${name}`);
  return c;
}

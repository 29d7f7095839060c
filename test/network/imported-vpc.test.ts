import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { agnosticStack, endpointServices, importVpc, synth } from './fixtures';
import { Egress } from '../../src';

describe('imported VPC', () => {
  test('is adopted: no VPC, subnet, NAT, flow log or default-SG restriction is created', () => {
    const stack = agnosticStack();
    const vpc = importVpc(stack);
    const { network, template } = synth({ vpc }, stack);
    expect(network.vpc).toBe(vpc);
    for (const type of ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::NatGateway', 'AWS::EC2::FlowLog', 'Custom::VpcRestrictDefaultSG']) {
      template.resourceCountIs(type, 0);
    }
    expect(network.flowLog).toBeUndefined();
    expect(network.egress).toBeUndefined();
  });

  test('runs tasks in its private subnets and, with their NAT route, creates no endpoint', () => {
    const stack = agnosticStack();
    const vpc = importVpc(stack);
    const { network, template } = synth({ vpc }, stack);
    expect(network.vpc.selectSubnets(network.taskSubnets).subnetIds).toEqual(['subnet-priv1', 'subnet-priv2']);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
  });

  test('can come from another stack', () => {
    const app = new App();
    const vpcStack = new Stack(app, 'VpcStack');
    const vpc = new ec2.Vpc(vpcStack, 'Vpc', { maxAzs: 2 });
    const { template } = synth({ vpc }, new Stack(app, 'S'));
    template.resourceCountIs('AWS::EC2::VPC', 0);
    template.resourceCountIs('AWS::EC2::FlowLog', 0);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'VPC interface endpoints: HTTPS from the network tasks only',
      VpcId: { 'Fn::ImportValue': 'VpcStack:ExportsOutputRefVpc8378EB38272D6E3A' },
    });
  });

  test('gets the Fargate endpoints and the S3 gateway automatically when it has only isolated task subnets', () => {
    const stack = agnosticStack();
    const vpc = importVpc(stack, { publicSubnets: 2, isolatedSubnets: 2 });
    const { network, template } = synth({ vpc }, stack);
    expect(network.vpc.selectSubnets(network.taskSubnets).subnetIds).toEqual(['subnet-iso1', 'subnet-iso2']);
    expect(endpointServices(template, 'Interface')).toEqual(['ecr.api', 'ecr.dkr', 'logs']);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface', SubnetIds: ['subnet-iso1', 'subnet-iso2'] });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway', RouteTableIds: ['rtb-iso1', 'rtb-iso2'] });
  });

  test('gets the Fargate endpoints when `taskSubnets` selects isolated subnets beside private ones', () => {
    const stack = agnosticStack();
    const vpc = importVpc(stack, { publicSubnets: 2, privateSubnets: 2, isolatedSubnets: 2 });
    const { template } = synth({ vpc, taskSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }, stack);
    expect(endpointServices(template, 'Interface')).toEqual(['ecr.api', 'ecr.dkr', 'logs']);
  });

  test('with isolated task subnets refuses `fargateEndpoints: false`', () => {
    const stack = agnosticStack();
    const vpc = importVpc(stack, { publicSubnets: 2, isolatedSubnets: 2 });
    expect(() => synth({ vpc, endpoints: { fargateEndpoints: false } }, stack)).toThrow(
      /^`endpoints\.fargateEndpoints` cannot be false: the task subnets of the imported VPC have no NAT route, .*got: false\./,
    );
  });

  test('gets a flow log when asked', () => {
    const stack = agnosticStack();
    const vpc = importVpc(stack);
    const { template } = synth({ vpc, flowLogs: { enabled: true } }, stack);
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceId: 'vpc-12345678', ResourceType: 'VPC' });
  });

  test('cannot be combined with `maxAzs`', () => {
    const stack = agnosticStack();
    expect(() => synth({ vpc: importVpc(stack), maxAzs: 3 }, stack)).toThrow(
      /^`vpc` cannot be combined with the options for a new VPC \(`maxAzs`\), got: \["maxAzs"\]\. Either bring a VPC with `vpc`/,
    );
  });

  test('cannot be combined with `egress` and `ipAddresses`, all named in one error', () => {
    const stack = agnosticStack();
    expect(() => synth({ vpc: importVpc(stack), egress: Egress.singleNatGateway(), ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16') }, stack))
      .toThrow(/^`vpc` cannot be combined with the options for a new VPC \(`ipAddresses`, `egress`\), got: \["ipAddresses", "egress"\]/);
  });

  test('needs public subnets for an internet-facing load balancer', () => {
    const stack = agnosticStack();
    const vpc = importVpc(stack, { privateSubnets: 2 });
    expect(() => synth({ vpc }, stack)).toThrow(
      /^`vpc` must have public subnets in at least 2 Availability Zones for an internet-facing load balancer, got: "0 Availability Zone\(s\) with public subnets"\./,
    );
  });

  test('needs public subnets in 2 Availability Zones for an internet-facing load balancer', () => {
    const stack = agnosticStack();
    const vpc = importVpc(stack, { azs: ['us-east-1a'], publicSubnets: 1, privateSubnets: 1 });
    expect(() => synth({ vpc }, stack)).toThrow(/^`vpc` must have public subnets .*got: "1 Availability Zone\(s\) with public subnets"/);
  });

  test('needs no public subnet when the load balancer is internal', () => {
    const stack = agnosticStack();
    const vpc = importVpc(stack, { privateSubnets: 2 });
    const { template } = synth({ vpc, loadBalancer: { internetFacing: false } }, stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' });
  });

  test('needs private or isolated subnets for the tasks', () => {
    const stack = agnosticStack();
    const vpc = importVpc(stack, { publicSubnets: 2 });
    expect(() => synth({ vpc }, stack)).toThrow(
      /^`vpc` must have private or isolated subnets for the tasks \(tasks never run in public subnets\), got: "0 private and 0 isolated subnets"\./,
    );
  });

  test('rejects `taskSubnets` that select public subnets', () => {
    const stack = agnosticStack();
    const vpc = importVpc(stack);
    expect(() => synth({ vpc, taskSubnets: { subnetType: ec2.SubnetType.PUBLIC } }, stack)).toThrow(
      /^`taskSubnets` must select private or isolated subnets only \(tasks never get a public IP\), got: \["subnet-pub1", "subnet-pub2"\]\./,
    );
  });

  test('rejects `taskSubnets` in a single Availability Zone', () => {
    const stack = agnosticStack();
    const vpc = importVpc(stack);
    expect(() => synth({ vpc, taskSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, availabilityZones: ['us-east-1a'] } }, stack))
      .toThrow(/^`taskSubnets` must span at least 2 Availability Zones, got: \["us-east-1a"\]\./);
  });

  test('accepts `taskSubnets` that name the private subnets', () => {
    const stack = agnosticStack();
    const vpc = importVpc(stack);
    const { network } = synth({ vpc, taskSubnets: { subnets: vpc.privateSubnets } }, stack);
    expect(network.vpc.selectSubnets(network.taskSubnets).subnetIds).toEqual(['subnet-priv1', 'subnet-priv2']);
  });
});

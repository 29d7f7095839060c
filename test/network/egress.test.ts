import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { endpointServices, envStack, subnetTypes, synth } from './fixtures';
import { Egress } from '../../src';

// aws-cdk-lib's own NatInstanceProviderV2 passes the deprecated `keyName` to ec2.Instance: keep its warning out of the output
const jsiiDeprecated = process.env.JSII_DEPRECATED;
process.env.JSII_DEPRECATED = 'quiet';
afterAll(() => {
  if (jsiiDeprecated === undefined) delete process.env.JSII_DEPRECATED;
  else process.env.JSII_DEPRECATED = jsiiDeprecated;
});

const SINGLE_NAT_WARNING = Match.stringLikeRegexp('ecs-advanced-network:singleNat');

/** The distinct targets of the 0.0.0.0/0 routes that go through a NAT (gateway or instance). */
function natRouteTargets(template: Template, key: 'NatGatewayId' | 'InstanceId'): string[] {
  const routes = Object.values(template.findResources('AWS::EC2::Route', {
    Properties: { DestinationCidrBlock: '0.0.0.0/0', [key]: Match.anyValue() },
  }));
  return routes.map(r => JSON.stringify(r.Properties[key]));
}

describe('Egress.natGatewayPerAz()', () => {
  test('is the default: a NAT gateway per AZ, each private subnet routed to its own, no warning', () => {
    const { stack, template, network } = synth();
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    expect(new Set(natRouteTargets(template, 'NatGatewayId')).size).toBe(2);
    expect(Annotations.fromStack(stack).findWarning('*', SINGLE_NAT_WARNING)).toHaveLength(0);
    expect(network.egress?.providesInternetAccess).toBe(true);
  });

  test('creates one NAT gateway in each of 3 AZs', () => {
    const { template } = synth({ maxAzs: 3, egress: Egress.natGatewayPerAz() }, envStack());
    template.resourceCountIs('AWS::EC2::NatGateway', 3);
    expect(new Set(natRouteTargets(template, 'NatGatewayId')).size).toBe(3);
  });
});

describe('Egress.singleNatGateway()', () => {
  test('creates one NAT gateway shared by every private subnet', () => {
    const { template } = synth({ egress: Egress.singleNatGateway() });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::EIP', 1);
    const targets = natRouteTargets(template, 'NatGatewayId');
    expect(targets).toHaveLength(2);
    expect(new Set(targets).size).toBe(1);
  });

  test('warns that one AZ failure cuts the egress of every task', () => {
    const { stack } = synth({ egress: Egress.singleNatGateway() });
    Annotations.fromStack(stack).hasWarning('/S/Network', SINGLE_NAT_WARNING);
    Annotations.fromStack(stack).hasWarning('/S/Network', Match.stringLikeRegexp('`egress` is a single NAT gateway: the loss of its Availability Zone'));
  });
});

describe('Egress.natInstances()', () => {
  const { template, stack } = synth({ egress: Egress.natInstances() });

  test('creates a t4g.nano NAT instance per AZ and no NAT gateway', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::EIP', 0);
    template.resourceCountIs('AWS::EC2::Instance', 2);
    template.allResourcesProperties('AWS::EC2::Instance', { InstanceType: 't4g.nano', SourceDestCheck: false });
    expect(new Set(natRouteTargets(template, 'InstanceId')).size).toBe(2);
  });

  test('boots the ARM64 image that matches a Graviton instance type', () => {
    const instance = Object.values(template.findResources('AWS::EC2::Instance'))[0];
    expect(JSON.stringify(instance.Properties.ImageId)).toMatch(/arm64/);
  });

  test('admits traffic to the NAT instances from the VPC block only, never from 0.0.0.0/0', () => {
    const natGroups = template.findResources('AWS::EC2::SecurityGroup', {
      Properties: { GroupDescription: 'Security Group for NAT instances' },
    });
    const groups = Object.values(natGroups);
    expect(groups).toHaveLength(1);
    expect(groups[0].Properties.SecurityGroupIngress).toEqual([expect.objectContaining({ CidrIp: '10.0.0.0/16', IpProtocol: '-1' })]);
    const everyIngress = [
      ...groups.flatMap(g => g.Properties.SecurityGroupIngress ?? []),
      ...Object.values(template.findResources('AWS::EC2::SecurityGroupIngress', {
        Properties: { GroupId: { 'Fn::GetAtt': [Object.keys(natGroups)[0], 'GroupId'] } },
      })).map(r => r.Properties),
    ];
    expect(everyIngress.filter((r: { CidrIp?: string }) => r.CidrIp === '0.0.0.0/0')).toEqual([]);
  });

  test('does not warn: every AZ has its own NAT instance', () => {
    expect(Annotations.fromStack(stack).findWarning('*', SINGLE_NAT_WARNING)).toHaveLength(0);
  });

  test('uses the given instance type', () => {
    const custom = synth({ egress: Egress.natInstances({ instanceType: new ec2.InstanceType('t3.micro') }) }).template;
    custom.allResourcesProperties('AWS::EC2::Instance', { InstanceType: 't3.micro' });
  });

  test('admits traffic from the VPC block token when the block is allocated by IPAM', () => {
    const ipam = synth({
      egress: Egress.natInstances(),
      ipAddresses: ec2.IpAddresses.awsIpamAllocation({ ipv4IpamPoolId: 'ipam-pool-0123', ipv4NetmaskLength: 16 }),
    }).template;
    ipam.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Security Group for NAT instances',
      SecurityGroupIngress: [Match.objectLike({ CidrIp: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkVpc'), 'CidrBlock'] } })],
    });
  });
});

describe('Egress.endpointsOnly()', () => {
  const { template, network, stack } = synth({ egress: Egress.endpointsOnly() });

  test('creates no NAT gateway, no NAT instance and no default route from the task subnets', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Instance', 0);
    // only the 2 public subnets route to the internet gateway
    template.resourcePropertiesCountIs('AWS::EC2::Route', { DestinationCidrBlock: '0.0.0.0/0' }, 2);
    template.resourcePropertiesCountIs('AWS::EC2::Route', { DestinationCidrBlock: '0.0.0.0/0', GatewayId: Match.anyValue() }, 2);
  });

  test('runs tasks in isolated subnets', () => {
    expect(subnetTypes(template).sort()).toEqual(['Isolated', 'Isolated', 'Public', 'Public']);
    expect(network.vpc.selectSubnets(network.taskSubnets).subnets).toEqual(network.vpc.isolatedSubnets);
    expect(network.egress?.providesInternetAccess).toBe(false);
  });

  test('creates the ecr.api, ecr.dkr and logs interface endpoints with private DNS, and the S3 gateway', () => {
    expect(endpointServices(template, 'Interface')).toEqual(['ecr.api', 'ecr.dkr', 'logs']);
    expect(endpointServices(template, 'Gateway')).toEqual(['s3']);
    for (const endpoint of Object.values(template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } }))) {
      expect(endpoint.Properties.PrivateDnsEnabled).toBe(true);
    }
  });

  test('admits only HTTPS from the endpoint-clients security group to the endpoints, never a CIDR', () => {
    const endpointSg = stack.resolve(network.endpoints.securityGroup.securityGroupId);
    const clientSg = stack.resolve(network.endpoints.clients.securityGroupId);
    for (const endpoint of Object.values(template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } }))) {
      expect(endpoint.Properties.SecurityGroupIds).toEqual([endpointSg]);
    }
    const inline = template.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('^VPC interface endpoints') } });
    expect(Object.values(inline).map(g => g.Properties.SecurityGroupIngress)).toEqual([undefined]);
    const rules = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { GroupId: endpointSg } })).map(r => r.Properties);
    expect(rules).toEqual([expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: clientSg })]);
    expect(rules.filter(r => r.CidrIp !== undefined || r.CidrIpv6 !== undefined)).toEqual([]);
  });

  test('does not warn about a single NAT', () => {
    expect(Annotations.fromStack(stack).findWarning('*', SINGLE_NAT_WARNING)).toHaveLength(0);
  });
});

describe('Egress', () => {
  test('describes each choice', () => {
    expect([Egress.natGatewayPerAz(), Egress.singleNatGateway(), Egress.natInstances(), Egress.endpointsOnly()]
      .map(e => [e.kind, e.providesInternetAccess])).toEqual([
      ['natGatewayPerAz', true], ['singleNatGateway', true], ['natInstances', true], ['endpointsOnly', false],
    ]);
  });
});

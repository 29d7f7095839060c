import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { agnosticStack, envStack, subnetCidrs, subnetTypes, synth, THREE_AZS } from './fixtures';
import { EcsAdvancedNetwork } from '../../src';

describe('default VPC', () => {
  const { network, template } = synth();

  test('creates one VPC with the 10.0.0.0/16 block and DNS support', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.hasResourceProperties('AWS::EC2::VPC', {
      CidrBlock: '10.0.0.0/16',
      EnableDnsHostnames: true,
      EnableDnsSupport: true,
    });
  });

  test('spans 2 Availability Zones with one public and one private subnet in each', () => {
    expect(subnetTypes(template).sort()).toEqual(['Private', 'Private', 'Public', 'Public']);
    for (const [type, index] of [['Public', 0], ['Public', 1], ['Private', 0], ['Private', 1]] as const) {
      template.hasResourceProperties('AWS::EC2::Subnet', {
        AvailabilityZone: { 'Fn::Select': [index, { 'Fn::GetAZs': '' }] },
        Tags: Match.arrayWith([{ Key: 'aws-cdk:subnet-type', Value: type }]),
      });
    }
  });

  test('allocates public /24 then private /20 subnets, each aligned to its size', () => {
    expect(subnetCidrs(template).sort()).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.16.0/20', '10.0.32.0/20']);
  });

  test('maps no public IP on launch in any subnet', () => {
    const subnets = Object.values(template.findResources('AWS::EC2::Subnet'));
    expect(subnets).toHaveLength(4);
    for (const subnet of subnets) {
      expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
    }
  });

  test('routes each private subnet to the internet through its own NAT gateway', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.resourceCountIs('AWS::EC2::EIP', 2);
    const natRoutes = Object.values(template.findResources('AWS::EC2::Route', {
      Properties: { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: Match.anyValue() },
    }));
    expect(new Set(natRoutes.map(r => JSON.stringify(r.Properties.NatGatewayId))).size).toBe(2);
  });

  test('restricts the default security group', () => {
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
    template.hasResourceProperties('Custom::VpcRestrictDefaultSG', {
      DefaultSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkVpc'), 'DefaultSecurityGroup'] },
    });
  });

  test('runs tasks in the private subnets and exposes the egress choice', () => {
    expect(network.vpc.selectSubnets(network.taskSubnets).subnets).toEqual(network.vpc.privateSubnets);
    expect(network.egress?.kind).toBe('natGatewayPerAz');
  });
});

describe('maxAzs', () => {
  test('defaults to 2 Availability Zones even where the region has more', () => {
    const { template } = synth({}, envStack());
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    for (const az of ['us-east-1a', 'us-east-1b']) {
      template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: az });
    }
  });

  test('spans 3 Availability Zones, with a NAT gateway in each, when the stack environment has 3', () => {
    const { template } = synth({ maxAzs: 3 }, envStack());
    expect(subnetTypes(template).sort()).toEqual(['Private', 'Private', 'Private', 'Public', 'Public', 'Public']);
    template.resourceCountIs('AWS::EC2::NatGateway', 3);
    for (const az of THREE_AZS) {
      expect(Object.keys(template.findResources('AWS::EC2::Subnet', { Properties: { AvailabilityZone: az } }))).toHaveLength(2);
    }
  });

  test('validates the subnet layout against the Availability Zones the VPC really gets', () => {
    // An environment-agnostic stack has 2 AZs: 2 x /25 + 2 x /24 fit in a /22, 3 x /25 + 3 x /24 would not.
    const stack = agnosticStack();
    const network = new EcsAdvancedNetwork(stack, 'Network', {
      maxAzs: 3,
      ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/22'),
      subnets: { publicCidrMask: 25, privateCidrMask: 24 },
    });
    expect(network.vpc.availabilityZones).toHaveLength(2);
    expect(subnetCidrs(Template.fromStack(stack)).sort()).toEqual(['10.0.0.0/25', '10.0.0.128/25', '10.0.1.0/24', '10.0.2.0/24']);
  });

  test('warns when an environment-agnostic stack cannot give the VPC the Availability Zones asked for', () => {
    const stack = agnosticStack();
    const network = new EcsAdvancedNetwork(stack, 'Network', { maxAzs: 3 });
    Annotations.fromStack(stack).hasWarning(`/${network.node.path}`, Match.stringLikeRegexp(
      '^`maxAzs` is 3, but the VPC spans only 2 Availability Zones: the stack is environment-agnostic, so only two are known\\. ' +
      'Give the stack an `env` with `account` and `region` to use more\\.'));
  });

  test('warns when the region of the stack has fewer Availability Zones than asked for', () => {
    const stack = envStack();
    const network = new EcsAdvancedNetwork(stack, 'Network', { maxAzs: 4 });
    Annotations.fromStack(stack).hasWarning(`/${network.node.path}`, Match.stringLikeRegexp('^`maxAzs` is 4, but the VPC spans only 3 Availability Zones: .*Lower `maxAzs` to 3\\.'));
  });

  test('does not warn when the stack has the Availability Zones asked for', () => {
    const stack = envStack();
    new EcsAdvancedNetwork(stack, 'Network', { maxAzs: 3 });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('maxAzs'));
  });

  test('rejects fewer than 2 Availability Zones', () => {
    expect(() => synth({ maxAzs: 1 })).toThrow(/^`maxAzs` must be an integer from 2 to 16, got: 1\. .*at least 2 Availability Zones/);
  });

  test('rejects a fractional number of Availability Zones', () => {
    expect(() => synth({ maxAzs: 2.5 })).toThrow(/`maxAzs` must be an integer from 2 to 16, got: 2\.5/);
  });
});

describe('ipAddresses', () => {
  test('uses the given block for the VPC and its subnets', () => {
    const { template } = synth({ ipAddresses: ec2.IpAddresses.cidr('172.20.0.0/16') });
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '172.20.0.0/16' });
    expect(subnetCidrs(template).sort()).toEqual(['172.20.0.0/24', '172.20.1.0/24', '172.20.16.0/20', '172.20.32.0/20']);
  });

  test('rejects a block larger than /16', () => {
    expect(() => synth({ ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/8') }))
      .toThrow(/^`ipAddresses` must be an IPv4 CIDR block from \/16 to \/28, got: "10\.0\.0\.0\/8"\./);
  });

  test('rejects a block smaller than /28', () => {
    expect(() => synth({ ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/29') }))
      .toThrow(/`ipAddresses` must be an IPv4 CIDR block from \/16 to \/28, got: "10\.0\.0\.0\/29"/);
  });

  test('skips the CIDR checks for an IPAM pool whose block is only known at deploy time', () => {
    const { template } = synth({
      ipAddresses: ec2.IpAddresses.awsIpamAllocation({ ipv4IpamPoolId: 'ipam-pool-0123', ipv4NetmaskLength: 16 }),
    });
    template.hasResourceProperties('AWS::EC2::VPC', { Ipv4IpamPoolId: 'ipam-pool-0123', Ipv4NetmaskLength: 16 });
    template.resourceCountIs('AWS::EC2::Subnet', 4);
  });
});

describe('subnets', () => {
  test('uses the given public and private masks', () => {
    const { template } = synth({ subnets: { publicCidrMask: 26, privateCidrMask: 22 } });
    expect(subnetCidrs(template).sort()).toEqual(['10.0.0.0/26', '10.0.0.64/26', '10.0.4.0/22', '10.0.8.0/22']);
  });

  test('has no isolated tier by default', () => {
    const { template } = synth();
    expect(subnetTypes(template)).not.toContain('Isolated');
  });

  test('adds an isolated /24 tier without a route out of the VPC, and keeps tasks in the private tier', () => {
    const { network, template } = synth({ subnets: { isolatedSubnets: true } });
    expect(subnetTypes(template).filter(t => t === 'Isolated')).toHaveLength(2);
    expect(subnetCidrs(template)).toEqual(expect.arrayContaining(['10.0.48.0/24', '10.0.49.0/24']));
    // the only default routes are the 2 public (internet gateway) and 2 private (NAT) ones
    template.resourcePropertiesCountIs('AWS::EC2::Route', { DestinationCidrBlock: '0.0.0.0/0' }, 4);
    expect(network.vpc.selectSubnets(network.taskSubnets).subnets).toEqual(network.vpc.privateSubnets);
  });

  test('uses the given isolated mask', () => {
    const { template } = synth({ subnets: { isolatedSubnets: true, isolatedCidrMask: 27 } });
    expect(subnetCidrs(template)).toEqual(expect.arrayContaining(['10.0.48.0/27', '10.0.48.32/27']));
  });

  test('rejects an isolated mask without the isolated tier', () => {
    expect(() => synth({ subnets: { isolatedCidrMask: 26 } }))
      .toThrow(/^`subnets\.isolatedCidrMask` only applies to the isolated tier, got: 26\. Set `subnets\.isolatedSubnets` to true/);
  });

  test('rejects a subnet mask outside /16../28', () => {
    expect(() => synth({ subnets: { privateCidrMask: 29 } }))
      .toThrow(/^`subnets\.privateCidrMask` must be an integer from 16 to 28, got: 29\./);
    expect(() => synth({ subnets: { publicCidrMask: 15 } }))
      .toThrow(/^`subnets\.publicCidrMask` must be an integer from 16 to 28, got: 15\./);
  });

  test('rejects default subnets that overflow a /22 VPC', () => {
    expect(() => synth({ ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/22') })).toThrow(
      /^`subnets` must fit in the VPC CIDR 10\.0\.0\.0\/22, got: "2 x \/24 \(`subnets\.publicCidrMask`\) \+ 2 x \/20 \(`subnets\.privateCidrMask`\)"\./,
    );
  });

  test('rejects a layout that only overflows once each subnet is aligned to its size', () => {
    // 3 x /24 + 3 x /22 + 3 x /26 is 4032 addresses, under the 4096 of a /20, but alignment wastes 256.
    expect(() => synth({
      maxAzs: 3,
      ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/20'),
      subnets: { publicCidrMask: 24, privateCidrMask: 22, isolatedSubnets: true, isolatedCidrMask: 26 },
    }, envStack())).toThrow(/`subnets` must fit in the VPC CIDR 10\.0\.0\.0\/20, got: "3 x \/24 .* \+ 3 x \/26 \(`subnets\.isolatedCidrMask`\)"/);
  });

  test('accepts a layout that fills the VPC exactly', () => {
    const { template } = synth({ ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/22'), subnets: { publicCidrMask: 24, privateCidrMask: 24 } });
    expect(subnetCidrs(template).sort()).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24']);
  });
});

describe('no warning on the default egress', () => {
  test('a NAT gateway per AZ does not warn', () => {
    const { stack } = synth();
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('ecs-advanced-network:singleNat'))).toHaveLength(0);
  });
});

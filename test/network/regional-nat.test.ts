import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { envStack, synth } from './fixtures';
import { Egress, EgressKind } from '../../src';

const SINGLE_NAT_WARNING = Match.stringLikeRegexp('ecs-advanced-network:singleNat');

/** The distinct targets of the private subnets' 0.0.0.0/0 routes to a NAT gateway. */
function natRouteTargets(template: Template): string[] {
  return Object.values(template.findResources('AWS::EC2::Route', {
    Properties: { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: Match.anyValue() },
  })).map(r => JSON.stringify(r.Properties.NatGatewayId));
}

describe('Egress.regionalNatGateway()', () => {
  const { stack, template, network } = synth({ egress: Egress.regionalNatGateway() });

  test('creates one Regional NAT gateway at the VPC level, public, with no subnet and no Elastic IP of its own', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::EIP', 0);
    const [gateway] = Object.values(template.findResources('AWS::EC2::NatGateway'));
    expect(gateway.Properties).toEqual(expect.objectContaining({ AvailabilityMode: 'regional', ConnectivityType: 'public', VpcId: { Ref: 'NetworkVpc7FB7348F' } }));
    expect(gateway.Properties.SubnetId).toBeUndefined();
    expect(gateway.Properties.AllocationId).toBeUndefined();
    expect(gateway.Properties.AvailabilityZoneAddresses).toBeUndefined();
  });

  test('routes every private subnet to the same gateway, and waits for the internet gateway routes', () => {
    const targets = natRouteTargets(template);
    expect(targets).toHaveLength(2);
    expect(new Set(targets).size).toBe(1);
    const [gateway] = Object.values(template.findResources('AWS::EC2::NatGateway'));
    expect(gateway.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/PublicSubnet1DefaultRoute/)]));
  });

  test('survives the loss of an AZ: no single-NAT warning', () => {
    expect(Annotations.fromStack(stack).findWarning('*', SINGLE_NAT_WARNING)).toHaveLength(0);
    expect(network.egress?.kind).toBe(EgressKind.REGIONAL_NAT_GATEWAY);
    expect(network.tasksHaveNatRoute).toBe(true);
  });

  test('is watched like a zonal gateway: the NAT alarms and the report cover it', () => {
    expect(network.monitoring?.natGatewayAlarms).toHaveLength(1);
    const report = network.report();
    expect(report.egress).toBe('a Regional NAT gateway');
    // no public subnet hosts it
    expect(report.subnets.filter(s => s.subnetType === 'public').map(s => s.purpose)).toEqual(['load balancer', 'load balancer']);
    expect(report.cost.lines.map(l => l.item)).toContain('Regional NAT gateway hours (per active AZ)');
  });
});

describe('Egress.regionalNatGateway() options', () => {
  test('eipAllocationIds: manual mode, one Elastic IP per AZ in the order of the zones', () => {
    const { template } = synth({ maxAzs: 3, egress: Egress.regionalNatGateway({ eipAllocationIds: ['eipalloc-1', 'eipalloc-2', 'eipalloc-3'] }) }, envStack());
    template.hasResourceProperties('AWS::EC2::NatGateway', {
      AvailabilityMode: 'regional',
      AvailabilityZoneAddresses: [
        { AvailabilityZone: 'us-east-1a', AllocationIds: ['eipalloc-1'] },
        { AvailabilityZone: 'us-east-1b', AllocationIds: ['eipalloc-2'] },
        { AvailabilityZone: 'us-east-1c', AllocationIds: ['eipalloc-3'] },
      ],
    });
  });

  test('eipAllocationIds must hold one entry per AZ', () => {
    expect(() => synth({ egress: Egress.regionalNatGateway({ eipAllocationIds: ['eipalloc-1'] }) })).toThrow(
      '`egress.eipAllocationIds` must hold one entry per Availability Zone of the VPC (manual mode of a Regional NAT gateway), 2 here, got: ["eipalloc-1"]. ' +
      'Give 2 value(s), in the order of the Availability Zones.');
  });

  test('privateIpAddresses, an option of zonal gateways only, is a synth error', () => {
    expect(() => synth({ egress: Egress.regionalNatGateway({ privateIpAddresses: ['10.0.0.10', '10.0.1.10'] }) })).toThrow(
      '`egress.privateIpAddresses` applies only to zonal NAT gateways: a Regional NAT gateway has no subnet of its own, so no fixed private address, ' +
      'got: ["10.0.0.10", "10.0.1.10"]. Remove `privateIpAddresses`, or use `Egress.natGatewayPerAz()` to choose the gateways\' private addresses.');
  });
});

describe('zonal NAT gateway options', () => {
  test('default: new Elastic IPs and addresses chosen by AWS', () => {
    const { template } = synth({ egress: Egress.natGatewayPerAz() });
    template.resourceCountIs('AWS::EC2::EIP', 2);
    template.allResourcesProperties('AWS::EC2::NatGateway', { PrivateIpAddress: Match.absent(), AvailabilityMode: Match.absent() });
  });

  test('eipAllocationIds and privateIpAddresses: one per gateway, in AZ order', () => {
    const { template } = synth({
      egress: Egress.natGatewayPerAz({ eipAllocationIds: ['eipalloc-1', 'eipalloc-2'], privateIpAddresses: ['10.0.0.10', '10.0.1.10'] }),
    });
    template.resourceCountIs('AWS::EC2::EIP', 0);
    const gateways = Object.values(template.findResources('AWS::EC2::NatGateway')).map(g => [g.Properties.AllocationId, g.Properties.PrivateIpAddress]);
    expect(gateways).toEqual([['eipalloc-1', '10.0.0.10'], ['eipalloc-2', '10.0.1.10']]);
  });

  test('a single NAT gateway takes one Elastic IP', () => {
    expect(() => synth({ egress: Egress.singleNatGateway({ eipAllocationIds: ['eipalloc-1', 'eipalloc-2'] }) })).toThrow(
      '`egress.eipAllocationIds` must hold one entry per NAT gateway, 1 here, got: ["eipalloc-1", "eipalloc-2"]. Give 1 value(s), in the order of the Availability Zones.');
  });
});

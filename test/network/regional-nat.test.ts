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
    const { template } = synth({ maxAzs: 3, egress: Egress.regionalNatGateway({ eipAllocationIds: ['eipalloc-00000001', 'eipalloc-00000002', 'eipalloc-00000003'] }) }, envStack());
    template.hasResourceProperties('AWS::EC2::NatGateway', {
      AvailabilityMode: 'regional',
      AvailabilityZoneAddresses: [
        { AvailabilityZone: 'us-east-1a', AllocationIds: ['eipalloc-00000001'] },
        { AvailabilityZone: 'us-east-1b', AllocationIds: ['eipalloc-00000002'] },
        { AvailabilityZone: 'us-east-1c', AllocationIds: ['eipalloc-00000003'] },
      ],
    });
  });

  test('eipAllocationIds must hold one entry per AZ', () => {
    expect(() => synth({ egress: Egress.regionalNatGateway({ eipAllocationIds: ['eipalloc-00000001'] }) })).toThrow(
      '`egress.eipAllocationIds` must hold one entry per Availability Zone of the VPC (manual mode of a Regional NAT gateway), 2 here, got: ["eipalloc-00000001"]. ' +
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
      egress: Egress.natGatewayPerAz({ eipAllocationIds: ['eipalloc-00000001', 'eipalloc-00000002'], privateIpAddresses: ['10.0.0.10', '10.0.1.10'] }),
    });
    template.resourceCountIs('AWS::EC2::EIP', 0);
    const gateways = Object.values(template.findResources('AWS::EC2::NatGateway')).map(g => [g.Properties.AllocationId, g.Properties.PrivateIpAddress]);
    expect(gateways).toEqual([['eipalloc-00000001', '10.0.0.10'], ['eipalloc-00000002', '10.0.1.10']]);
  });

  test('a single NAT gateway takes one Elastic IP', () => {
    expect(() => synth({ egress: Egress.singleNatGateway({ eipAllocationIds: ['eipalloc-00000001', 'eipalloc-00000002'] }) })).toThrow(
      '`egress.eipAllocationIds` must hold one entry per NAT gateway, 1 here, got: ["eipalloc-00000001", "eipalloc-00000002"]. Give 1 value(s), in the order of the Availability Zones.');
  });
});

// Amazon EC2 User Guide, "Resource IDs": `eipalloc-` and 8 or 17 hexadecimal characters; Amazon VPC
// User Guide, "Subnet CIDR blocks": the first four and the last address of a subnet are reserved
describe('NAT gateway values AWS refuses', () => {
  const gateways = (options: { eipAllocationIds?: string[]; privateIpAddresses?: string[] }) =>
    () => synth({ egress: Egress.natGatewayPerAz(options), monitoring: { enabled: false } });

  test('an allocation ID not of the form eipalloc- and 8 or 17 hexadecimal characters', () => {
    expect(gateways({ eipAllocationIds: ['eipalloc-00000001', 'eipalloc-XYZ'] })).toThrow(
      '`egress.eipAllocationIds[1]` must be an Elastic IP allocation ID (`eipalloc-` and 8 or 17 lower-case hexadecimal characters), got: "eipalloc-XYZ". ' +
      'Use for example `eipalloc-0123456789abcdef0`.');
    expect(gateways({ eipAllocationIds: ['eipalloc-0123456789', '52.1.2.3'] })).toThrow(/^`egress.eipAllocationIds\[0\]` must be an Elastic IP allocation ID/);
    expect(gateways({ eipAllocationIds: ['eipalloc-0123456789abcdef0', 'eipalloc-abcdef01'] })).not.toThrow();
  });

  test('an allocation ID given twice', () => {
    expect(gateways({ eipAllocationIds: ['eipalloc-0123456789abcdef0', 'eipalloc-0123456789abcdef0'] })).toThrow(
      '`egress.eipAllocationIds` must not list an ID twice: each Elastic IP allocation ID serves one resource only, got: ["eipalloc-0123456789abcdef0"]. Give a distinct ID for each.');
  });

  test('a private address outside its subnet, in the other AZ\'s subnet, or reserved', () => {
    expect(gateways({ privateIpAddresses: ['10.0.0.10', '192.168.0.10'] })).toThrow(
      '`egress.privateIpAddresses[1]` must be inside its subnet in Availability Zone 2 (10.0.1.0/24), got: "192.168.0.10". Give an address of 10.0.1.0/24, in the order of the Availability Zones.');
    expect(gateways({ privateIpAddresses: ['10.0.1.10', '10.0.0.10'] })).toThrow(
      '`egress.privateIpAddresses[0]` must be inside its subnet in Availability Zone 1 (10.0.0.0/24), but it is in the subnet of Availability Zone 2 (10.0.1.0/24), got: "10.0.1.10". ' +
      'Give an address of 10.0.0.0/24, in the order of the Availability Zones.');
    for (const reserved of ['10.0.0.0', '10.0.0.3', '10.0.0.255']) {
      expect(gateways({ privateIpAddresses: [reserved, '10.0.1.10'] })).toThrow(
        `\`egress.privateIpAddresses[0]\` is one of the five addresses AWS reserves in 10.0.0.0/24 (the first four and the last), got: "${reserved}". Give another address of the subnet.`);
    }
    expect(gateways({ privateIpAddresses: ['10.0.0.4', '10.0.1.254'] })).not.toThrow();
    expect(gateways({ privateIpAddresses: ['10.0.0.x', '10.0.1.254'] })).toThrow('`egress.privateIpAddresses[0]` must be an IPv4 address, got: "10.0.0.x". Use for example `10.0.0.10`.');
  });
});

import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** The construct ids of the IPv6-only task subnets under the VPC: `TaskSubnet6-1`, `TaskSubnet6-2`... (public API). */
export const IPV6_TASK_SUBNET_ID = 'TaskSubnet6';

/** What IPv6-only subnets are made from. */
export interface Ipv6OnlySubnetsProps {
  readonly vpc: ec2.Vpc;
  /** Add DNS64 and a NAT64 route to the zone's NAT gateway. */
  readonly nat64: boolean;
  /** The NAT provider of the VPC, for the NAT64 routes. */
  readonly natProvider?: ec2.NatProvider;
}

/**
 * One IPv6-only subnet per Availability Zone for the tasks (ec2.Vpc in aws-cdk-lib 2.257 makes every
 * subnet dual-stack): a /64 of the VPC's Amazon-provided block after the ones ec2.Vpc allocated,
 * no address assigned on launch, resource-name host names (the only kind IPv6-only subnets take),
 * `::/0` to the VPC's egress-only internet gateway and, with NAT64, DNS64 and `64:ff9b::/96` to the
 * NAT gateway of the zone.
 */
export function createIpv6OnlySubnets(props: Ipv6OnlySubnetsProps): ec2.ISubnet[] {
  const { vpc } = props;
  const eigw = vpc.node.children.find((c): c is ec2.CfnEgressOnlyInternetGateway => c instanceof ec2.CfnEgressOnlyInternetGateway);
  const ipv6Block = vpc.node.children.find((c): c is ec2.CfnVPCCidrBlock => c instanceof ec2.CfnVPCCidrBlock);
  if (!eigw || !ipv6Block) throw new Error('ec2.Vpc created no egress-only internet gateway or IPv6 block: is it dual-stack with private subnets?');
  const taken = vpc.publicSubnets.length + vpc.privateSubnets.length + vpc.isolatedSubnets.length;
  const blocks = Fn.cidr(Fn.select(0, vpc.vpcIpv6CidrBlocks), 256, '64');
  return vpc.availabilityZones.map((availabilityZone, i) => {
    const id = `${IPV6_TASK_SUBNET_ID}-${i + 1}`;
    const name = `${vpc.node.path}/${id}`;
    const subnet = new ec2.CfnSubnet(vpc, id, {
      vpcId: vpc.vpcId,
      availabilityZone,
      ipv6Native: true,
      ipv6CidrBlock: Fn.select(taken + i, blocks),
      // as in every subnet of the network, no address on launch: ECS asks for the task interface's address itself
      assignIpv6AddressOnCreation: false,
      mapPublicIpOnLaunch: false,
      enableDns64: props.nat64,
      privateDnsNameOptionsOnLaunch: { HostnameType: 'resource-name', EnableResourceNameDnsAAAARecord: true, EnableResourceNameDnsARecord: false },
      tags: [{ key: 'Name', value: name }, { key: 'aws-cdk:subnet-type', value: 'Ipv6Only' }],
    });
    subnet.addDependency(ipv6Block);
    const table = new ec2.CfnRouteTable(vpc, `${id}RouteTable`, { vpcId: vpc.vpcId, tags: [{ key: 'Name', value: name }] });
    new ec2.CfnSubnetRouteTableAssociation(vpc, `${id}RouteTableAssociation`, { subnetId: subnet.ref, routeTableId: table.ref });
    new ec2.CfnRoute(vpc, `${id}DefaultRoute6`, { routeTableId: table.ref, destinationIpv6CidrBlock: '::/0', egressOnlyInternetGatewayId: eigw.ref });
    if (props.nat64) {
      const gateway = props.natProvider?.configuredGateways.find(g => g.az === availabilityZone) ?? props.natProvider?.configuredGateways[0];
      if (gateway) {
        new ec2.CfnRoute(vpc, `${id}Nat64Route`, { routeTableId: table.ref, destinationIpv6CidrBlock: '64:ff9b::/96', natGatewayId: gateway.gatewayId });
      }
    }
    return ec2.Subnet.fromSubnetAttributes(vpc, `${id}Imported`, { subnetId: subnet.ref, availabilityZone, routeTableId: table.ref });
  });
}

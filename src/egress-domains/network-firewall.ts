import { Fn, Lazy, Names } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as networkfirewall from 'aws-cdk-lib/aws-networkfirewall';
import { Construct } from 'constructs';
import type { DomainSource } from './dns-firewall';
import { networkFirewallTarget } from './domain-names';
import { cidrWithin, parseCidr } from '../network/subnet-math';
import { invalidProp } from '../private/validation';

/**
 * The capacity of the stateful domain rule group. A stateful rule group needs at least as much
 * capacity as the rules it holds, and a domain list becomes one rule per domain and protocol
 * (TLS_SNI and HTTP_HOST) plus one per protocol
 * (https://docs.aws.amazon.com/network-firewall/latest/developerguide/nwfw-rule-group-capacity.html).
 * A rule group's capacity cannot change after creation (`Capacity`: update requires replacement),
 * so it is fixed: room for `MAX_FIREWALL_DOMAINS` domains.
 */
export const DOMAIN_RULE_GROUP_CAPACITY = 1000;
/** The protocols of the domain rule group (`targetTypes`). */
const DOMAIN_PROTOCOLS = ['TLS_SNI', 'HTTP_HOST'];
/** The most domains the rule group holds: 2 x 499 + 2 = 1,000. */
export const MAX_FIREWALL_DOMAINS = Math.floor((DOMAIN_RULE_GROUP_CAPACITY - DOMAIN_PROTOCOLS.length) / DOMAIN_PROTOCOLS.length);
/** The domain list of the rule group: each domain as Network Firewall takes it, once. */
export function firewallTargets(domains: string[]): string[] {
  return [...new Set(domains.map(networkFirewallTarget))];
}

/** The firewall subnets: the smallest subnet AWS allows (/28), one per Availability Zone, at the end of the VPC block. */
const FIREWALL_SUBNET_MASK = 28;

/**
 * AWS Network Firewall between the NAT gateways and the internet gateway. One firewall per
 * Availability Zone, each in a firewall subnet of its own: a firewall's `EndpointIds` attribute
 * lists its endpoints as `az:vpce-id` in no promised order, so one endpoint per firewall is the
 * way to route each zone to the endpoint of its own zone (`Fn.select(0, ...)`); the price is per
 * endpoint, the same as one firewall over every zone. Routes, per zone:
 * - task subnets -> NAT gateway (unchanged);
 * - the public subnet's default route -> the firewall endpoint of its zone;
 * - the firewall subnet -> the internet gateway;
 * - the internet gateway's edge route table: the public subnet's block -> the firewall endpoint of its zone.
 */
export class EgressNetworkFirewall extends Construct {
  public readonly policy: networkfirewall.CfnFirewallPolicy;
  public readonly ruleGroup: networkfirewall.CfnRuleGroup;
  public readonly firewalls: networkfirewall.CfnFirewall[] = [];
  public readonly subnets: ec2.CfnSubnet[] = [];
  public readonly edgeRouteTable: ec2.CfnRouteTable;

  constructor(scope: Construct, id: string, props: { vpc: ec2.Vpc; cidrBlock: string; source: DomainSource }) {
    super(scope, id);
    const { vpc } = props;
    // names unique in the account and region: 1 to 128 letters, digits and hyphens
    const name = Names.uniqueResourceName(this, { maxLength: 120, separator: '-' });
    this.ruleGroup = new networkfirewall.CfnRuleGroup(this, 'DomainRules', {
      ruleGroupName: `${name}-domains`,
      type: 'STATEFUL',
      capacity: DOMAIN_RULE_GROUP_CAPACITY,
      description: 'Egress by domain: the listed TLS server names and HTTP hosts pass, other TLS and HTTP is dropped',
      ruleGroup: {
        rulesSource: {
          rulesSourceList: {
            generatedRulesType: 'ALLOWLIST',
            targetTypes: DOMAIN_PROTOCOLS,
            targets: Lazy.list({ produce: () => firewallTargets(props.source.domains()) }),
          },
        },
      },
    });
    this.policy = new networkfirewall.CfnFirewallPolicy(this, 'Policy', {
      firewallPolicyName: name,
      firewallPolicy: {
        // every packet goes to the stateful engine, where the domain list decides
        statelessDefaultActions: ['aws:forward_to_sfe'],
        statelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        statefulRuleGroupReferences: [{ resourceArn: this.ruleGroup.attrRuleGroupArn }],
      },
    });

    const igwId = vpc.internetGatewayId!;
    this.edgeRouteTable = new ec2.CfnRouteTable(this, 'EdgeRouteTable', { vpcId: vpc.vpcId });
    new ec2.CfnGatewayRouteTableAssociation(this, 'EdgeAssociation', { gatewayId: igwId, routeTableId: this.edgeRouteTable.ref });

    const blocks = firewallSubnetBlocks(props.cidrBlock, vpc.publicSubnets.length);
    const taken = [...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets].map(s => s.ipv4CidrBlock);
    const clash = taken.find(t => blocks.some(b => overlaps(b, t)));
    if (clash !== undefined) {
      throw invalidProp('egressDomains.enforcement', `needs ${blocks.length} firewall subnets of /${FIREWALL_SUBNET_MASK} at the end of the VPC block, but the subnet ${clash} is there`,
        blocks, 'Use smaller subnets (`subnets`) or a larger VPC block (`ipAddresses`) so that the last addresses of the block are free.');
    }
    vpc.publicSubnets.forEach((publicSubnet, i) => {
      const az = publicSubnet.availabilityZone;
      const zone = `Az${i + 1}`;
      const subnet = new ec2.CfnSubnet(this, `${zone}Subnet`, {
        vpcId: vpc.vpcId, availabilityZone: az, cidrBlock: blocks[i], mapPublicIpOnLaunch: false,
      });
      this.subnets.push(subnet);
      const table = new ec2.CfnRouteTable(this, `${zone}RouteTable`, { vpcId: vpc.vpcId });
      new ec2.CfnSubnetRouteTableAssociation(this, `${zone}RouteTableAssociation`, { subnetId: subnet.ref, routeTableId: table.ref });
      new ec2.CfnRoute(this, `${zone}InternetRoute`, { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igwId });

      const firewall = new networkfirewall.CfnFirewall(this, `${zone}Firewall`, {
        firewallName: `${name}-${i + 1}`,
        firewallPolicyArn: this.policy.attrFirewallPolicyArn,
        vpcId: vpc.vpcId,
        subnetMappings: [{ subnetId: subnet.ref }],
        deleteProtection: false,
        description: `Egress by domain for ${az}`,
      });
      this.firewalls.push(firewall);
      // "az:vpce-id", the only endpoint of this firewall
      const endpointId = Fn.select(1, Fn.split(':', Fn.select(0, firewall.attrEndpointIds)));

      // the NAT's public subnet sends to the internet through the firewall of its zone
      const defaultRoute = publicSubnet.node.tryFindChild('DefaultRoute') as ec2.CfnRoute;
      defaultRoute.gatewayId = undefined;
      defaultRoute.vpcEndpointId = endpointId;
      // and the internet gateway returns the public subnet's traffic through the same endpoint
      new ec2.CfnRoute(this, `${zone}ReturnRoute`, {
        routeTableId: this.edgeRouteTable.ref, destinationCidrBlock: publicSubnet.ipv4CidrBlock, vpcEndpointId: endpointId,
      }).addDependency(this.node.findChild('EdgeAssociation') as ec2.CfnGatewayRouteTableAssociation);
    });
  }
}

/** One /28 per zone, counted down from the end of the VPC block, where `ec2.Vpc` (which allocates from the start) puts nothing. */
export function firewallSubnetBlocks(cidrBlock: string, count: number): string[] {
  const vpc = parseCidr(cidrBlock);
  if (!vpc) throw invalidProp('ipAddresses', 'must be a concrete IPv4 block for `DomainEnforcement.NETWORK_FIREWALL`', cidrBlock, 'Give the VPC block with `ec2.IpAddresses.cidr()`.');
  const size = 2 ** (32 - FIREWALL_SUBNET_MASK);
  const end = vpc.address + 2 ** (32 - vpc.mask);
  return Array.from({ length: count }, (_, i) => {
    const start = end - size * (i + 1);
    return `${[3, 2, 1, 0].map(octet => Math.floor(start / 256 ** octet) % 256).join('.')}/${FIREWALL_SUBNET_MASK}`;
  });
}

function overlaps(a: string, b: string): boolean {
  const [x, y] = [parseCidr(a), parseCidr(b)];
  return x !== undefined && y !== undefined && (cidrWithin(x, y) || cidrWithin(y, x));
}

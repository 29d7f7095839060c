import { Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { DnsFirewall } from './dns-firewall';
import { networkDomains, registryDomains, validateDomains } from './domain-names';
import { writeEgressDomainFlows } from './egress-domains-flows';
import type { EgressDomainsOptions } from './egress-domains-options';
import { DnsBlockResponse, DomainEnforcement } from './egress-domains-options';
import { DOMAIN_RULE_GROUP_CAPACITY, EgressNetworkFirewall, firewallTargets, MAX_FIREWALL_DOMAINS } from './network-firewall';
import type { NetworkFlows } from '../flows/network-flows';
import type { Capability } from '../lifecycle/capability';
import type { ServicePlan } from '../lifecycle/service-plan';
import { EgressKind } from '../network/egress';
import { invalidProp } from '../private/validation';
import type { ReportRows } from '../report/report-rows';
import type { NetworkContext } from '../services/network-context';
import type { NetworkService } from '../services/network-service';

/** The egress choices that keep NAT in the public subnets, where Network Firewall can sit between NAT and the internet gateway. */
const FIREWALL_EGRESS = [EgressKind.NAT_GATEWAY_PER_AZ, EgressKind.SINGLE_NAT_GATEWAY, EgressKind.NAT_INSTANCES];

/**
 * Egress by domain (`egressDomains`): an allow-list of names, the network's own needs and the
 * services' `allowedDomains`, enforced by Route 53 Resolver DNS Firewall or AWS Network Firewall.
 */
export class EgressDomainsCapability implements Capability {
  public readonly dnsFirewall?: DnsFirewall;
  public readonly networkFirewall?: EgressNetworkFirewall;
  private readonly serviceDomains = new Set<string>();

  constructor(private readonly network: NetworkContext & { readonly construct: Construct }, private readonly options?: EgressDomainsOptions) {
    if (!options) return;
    validateDomains('egressDomains.allowedDomains', options.allowedDomains ?? [], true);
    const enforcement = options.enforcement ?? DomainEnforcement.DNS_FIREWALL;
    const source = { domains: () => this.domains() };
    if (enforcement === DomainEnforcement.NETWORK_FIREWALL) {
      this.validateFirewallEgress();
      this.networkFirewall = new EgressNetworkFirewall(network.construct, 'EgressFirewall', {
        vpc: network.layout.vpc as ec2.Vpc, cidrBlock: network.layout.cidrBlock!, source,
      });
    } else {
      this.dnsFirewall = new DnsFirewall(network.construct, 'DnsFirewall', {
        vpc: network.layout.vpc, source, blockResponse: options.blockResponse ?? DnsBlockResponse.NXDOMAIN,
      });
    }
  }

  public get enforcement(): DomainEnforcement | undefined {
    if (!this.options) return undefined;
    return this.options.enforcement ?? DomainEnforcement.DNS_FIREWALL;
  }

  /** Every domain of the list, sorted and once each: the user's, the network's, the services'. */
  public domains(): string[] {
    const { endpoints, cloudMapNamespace } = this.network;
    const all = [
      ...this.options?.allowedDomains ?? [],
      ...networkDomains(this.network.construct, Object.keys(endpoints.endpoints), cloudMapNamespace.namespaceName),
      ...this.serviceDomains,
    ];
    // names with a token (the region of an environment-agnostic stack) keep their order and case: a token's text is not the value
    const concrete = all.filter(d => !Token.isUnresolved(d)).map(d => d.toLowerCase().replace(/\.$/, '')).sort();
    return [...new Set([...concrete, ...all.filter(d => Token.isUnresolved(d))])];
  }

  private validateFirewallEgress(): void {
    const { layout } = this.network;
    const egress = layout.egress;
    if (!layout.created || !egress || !FIREWALL_EGRESS.includes(egress.kind)) {
      throw invalidProp('egressDomains.enforcement', 'is `DomainEnforcement.NETWORK_FIREWALL`, which sits between NAT in the public subnets and the internet gateway of a VPC the network creates',
        layout.created ? egress?.description : 'an imported `vpc`',
        'Choose `Egress.natGatewayPerAz()`, `Egress.singleNatGateway()` or `Egress.natInstances()` for a VPC the network creates, or use `DomainEnforcement.DNS_FIREWALL`.');
    }
    if (layout.ipStack.ipv6) {
      throw invalidProp('egressDomains.enforcement', 'is `DomainEnforcement.NETWORK_FIREWALL`, which inspects the IPv4 path through NAT only, but the network has IPv6 egress that would bypass it',
        layout.ipStack.description, 'Use `IpStack.ipv4Only()`, or `DomainEnforcement.DNS_FIREWALL`, which filters the names of both families.');
    }
    if (layout.cidrBlock === undefined) {
      throw invalidProp('ipAddresses', 'must be a concrete IPv4 block for `DomainEnforcement.NETWORK_FIREWALL`, which places its subnets at the end of the block',
        '<token>', 'Give the VPC block with `ec2.IpAddresses.cidr()`.');
    }
  }

  public planService(plan: ServicePlan): void {
    const domains = plan.options.allowedDomains ?? [];
    if (domains.length > 0 && !this.options) {
      throw invalidProp(`${plan.name}.allowedDomains`, 'widens the network\'s `egressDomains`, which is not set', domains,
        'Give the network `egressDomains` (the list every task may reach and how to enforce it), or remove `allowedDomains`.');
    }
    validateDomains(`${plan.name}.allowedDomains`, domains, false);
  }

  public useTaskDefinition(service: NetworkService, plan: ServicePlan): void {
    if (!this.options) return;
    const images = [service.container.imageName, ...service.sidecars.map(c => c.imageName)];
    for (const d of [...plan.options.allowedDomains ?? [], ...images.flatMap(registryDomains)]) this.serviceDomains.add(d);
  }

  public writeFlows(flows: NetworkFlows, _services: NetworkService[]): void {
    if (!this.options) return;
    writeEgressDomainFlows(flows, this.enforcement!, this.domains().length);
  }

  /** What the cost estimate counts: the domains of the list (and `*`), or the firewall endpoints. */
  public reportRows(): ReportRows {
    if (!this.options) return {};
    return {
      subnetUses: this.networkFirewall ? { public: ['Network Firewall routes (firewall subnets of their own)'] } : {},
      cost: {
        egressDomains: {
          networkFirewall: this.networkFirewall !== undefined,
          domains: this.domains().length + 1,
          firewallEndpoints: this.networkFirewall?.firewalls.length ?? 0,
        },
      },
    };
  }

  public validateNetwork(): string[] {
    if (!this.networkFirewall) return [];
    const targets = firewallTargets(this.domains()).length;
    return targets > MAX_FIREWALL_DOMAINS
      ? [invalidProp('egressDomains.allowedDomains', `holds with the network's and the services' domains ${targets} domains, over the ` +
        `${MAX_FIREWALL_DOMAINS} the firewall's rule group has room for (its fixed capacity of ${DOMAIN_RULE_GROUP_CAPACITY}: one unit per domain and protocol, and one per protocol)`,
      targets, 'Group names under a wildcard (`*.example.com`).').message]
      : [];
  }
}

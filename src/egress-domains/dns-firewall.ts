import { Lazy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';
import type { DnsBlockResponse } from './egress-domains-options';

/** Where the allow-list comes from, read when the template is written (services add to it later). */
export interface DomainSource {
  domains(): string[];
}

/**
 * Route 53 Resolver DNS Firewall on the VPC: a rule group that allows the list (priority 100) and
 * blocks every other name (`*`, priority 200), associated with the VPC. It filters what the tasks
 * resolve through the VPC's resolver; it does not see a connection to an address the task already
 * knows, nor DNS over HTTPS to an outside resolver (the tasks' security groups allow HTTPS out).
 */
export class DnsFirewall extends Construct {
  public readonly allowedList: route53resolver.CfnFirewallDomainList;
  public readonly ruleGroup: route53resolver.CfnFirewallRuleGroup;
  public readonly association: route53resolver.CfnFirewallRuleGroupAssociation;

  constructor(scope: Construct, id: string, props: { vpc: ec2.IVpc; source: DomainSource; blockResponse: DnsBlockResponse }) {
    super(scope, id);
    this.allowedList = new route53resolver.CfnFirewallDomainList(this, 'AllowedDomains', {
      domains: Lazy.list({ produce: () => props.source.domains() }),
    });
    const everything = new route53resolver.CfnFirewallDomainList(this, 'AllDomains', { domains: ['*'] });
    this.ruleGroup = new route53resolver.CfnFirewallRuleGroup(this, 'RuleGroup', {
      firewallRules: [
        // an allowed name may answer with a CNAME outside the list (S3's virtual-hosted names do): trust
        // the chain of an allowed name, else the default (INSPECT_REDIRECTION_DOMAIN) blocks its targets
        // (FirewallRule.FirewallDomainRedirectionAction, https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_FirewallRule.html)
        { action: 'ALLOW', firewallDomainListId: this.allowedList.attrId, priority: 100, firewallDomainRedirectionAction: 'TRUST_REDIRECTION_DOMAIN' },
        { action: 'BLOCK', blockResponse: props.blockResponse, firewallDomainListId: everything.attrId, priority: 200 },
      ],
    });
    // association priorities run from 101 to 9900 (AWS::Route53Resolver::FirewallRuleGroupAssociation)
    this.association = new route53resolver.CfnFirewallRuleGroupAssociation(this, 'Association', {
      firewallRuleGroupId: this.ruleGroup.attrId,
      vpcId: props.vpc.vpcId,
      priority: 101,
    });
  }
}

import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { Match } from 'aws-cdk-lib/assertions';
import type * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('egress-domains-dns', (integ, { network, urls }) => {
  const association = network.node.findChild('DnsFirewall').node.findChild('Association') as route53resolver.CfnFirewallRuleGroupAssociation;
  // the rule group is associated with the VPC and in force
  integ.assertions.awsApiCall('Route53Resolver', 'getFirewallRuleGroupAssociation', { FirewallRuleGroupAssociationId: association.attrId })
    .expect(ExpectedResult.objectLike({ FirewallRuleGroupAssociation: { Status: 'COMPLETE', Priority: 101 } }))
    .waitForAssertions();
  // in force: the allow-list first (trusting an allowed name's CNAME chain, as S3's names need), then every other name blocked
  integ.assertions.awsApiCall('Route53Resolver', 'listFirewallRules', { FirewallRuleGroupId: association.firewallRuleGroupId })
    .expect(ExpectedResult.objectLike({
      FirewallRules: Match.arrayWith([
        Match.objectLike({ Action: 'ALLOW', Priority: 100, FirewallDomainRedirectionAction: 'TRUST_REDIRECTION_DOMAIN' }),
        Match.objectLike({ Action: 'BLOCK', Priority: 200, BlockResponse: 'NXDOMAIN' }),
      ]),
    }));
  // the task pulled its image and ships its logs through the filter: the network's own names resolve
  expectServiceRunning(integ, network, network.findService('web')!);
  expectHttp(integ, `${urls['egress-domains-dns']}/`, 200);
});

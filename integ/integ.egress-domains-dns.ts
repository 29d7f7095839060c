import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import type * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('egress-domains-dns', (integ, { network, urls }) => {
  const association = network.node.findChild('DnsFirewall').node.findChild('Association') as route53resolver.CfnFirewallRuleGroupAssociation;
  // the rule group is associated with the VPC and in force
  integ.assertions.awsApiCall('Route53Resolver', 'getFirewallRuleGroupAssociation', { FirewallRuleGroupAssociationId: association.attrId })
    .expect(ExpectedResult.objectLike({ FirewallRuleGroupAssociation: { Status: 'COMPLETE', Priority: 101 } }))
    .waitForAssertions();
  // the task pulled its image and ships its logs through the filter: the network's own names resolve
  expectServiceRunning(integ, network, network.findService('web')!);
  expectHttp(integ, `${urls['egress-domains-dns']}/`, 200);
});

import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('waf', (integ, { network, urls }) => {
  const firewall = network.webApplicationFirewall!;
  // the load balancer carries the network's web ACL, which logs to its `aws-waf-logs-` group
  integ.assertions.awsApiCall('WAFV2', 'getWebACLForResource', { ResourceArn: network.loadBalancer!.loadBalancerArn })
    .expect(ExpectedResult.objectLike({ WebACL: { ARN: firewall.webAcl.attrArn, DefaultAction: { Allow: {} } } }));
  integ.assertions.awsApiCall('WAFV2', 'getLoggingConfiguration', { ResourceArn: firewall.webAcl.attrArn })
    .expect(ExpectedResult.objectLike({ LoggingConfiguration: { ResourceArn: firewall.webAcl.attrArn } }));
  expectServiceRunning(integ, network, network.findService('web')!);
  // an ordinary request reaches the service; a probe of an exploitable path (AWSManagedRulesKnownBadInputsRuleSet,
  // ExploitablePaths_URIPATH) is blocked with 403 where nginx would answer 404
  expectHttp(integ, `${urls.waf}/`, 200);
  expectHttp(integ, `${urls.waf}/WEB-INF/web.xml`, 403);
});

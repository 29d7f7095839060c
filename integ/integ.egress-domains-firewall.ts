import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as networkfirewall from 'aws-cdk-lib/aws-networkfirewall';
import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('egress-domains-firewall', (integ, { network, urls }) => {
  const scope = network.node.findChild('EgressFirewall');
  // one firewall per AZ, each ready with its endpoint
  for (const zone of ['Az1', 'Az2']) {
    const firewall = scope.node.findChild(`${zone}Firewall`) as networkfirewall.CfnFirewall;
    integ.assertions.awsApiCall('NetworkFirewall', 'describeFirewall', { FirewallArn: firewall.attrFirewallArn })
      .expect(ExpectedResult.objectLike({ FirewallStatus: { Status: 'READY', ConfigurationSyncStateSummary: 'IN_SYNC' } }))
      .waitForAssertions();
  }
  // the internet gateway's edge route table returns the public subnets through the firewall endpoints
  const edge = scope.node.findChild('EdgeRouteTable') as ec2.CfnRouteTable;
  integ.assertions.awsApiCall('EC2', 'describeRouteTables', { RouteTableIds: [edge.ref] })
    .expect(ExpectedResult.objectLike({
      RouteTables: [Match.objectLike({
        Associations: [Match.objectLike({ GatewayId: Match.stringLikeRegexp('^igw-') })],
        Routes: Match.arrayWith([Match.objectLike({ DestinationCidrBlock: '10.0.0.0/24', VpcEndpointId: Match.stringLikeRegexp('^vpce-') })]),
      })],
    }));
  // the task pulled its image through NAT and the firewall, and the load balancer answers through it
  expectServiceRunning(integ, network, network.findService('web')!);
  expectHttp(integ, `${urls['egress-domains-firewall']}/`, 200);
});

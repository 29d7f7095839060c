import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('segmented', (integ, { network, urls }) => {
  const web = network.findService('web')!;
  const vault = network.findService('vault')!;
  // both run: vault pulled its image with no internet egress at all (ECR endpoints, S3 gateway)
  expectServiceRunning(integ, network, web);
  expectServiceRunning(integ, network, vault);
  expectHttp(integ, `${urls.segmented}/`, 200);
  // web sends HTTPS and its declared call only; vault sends nothing to the internet
  integ.assertions.awsApiCall('EC2', 'describeSecurityGroups', { GroupIds: [web.securityGroup.securityGroupId] })
    .expect(ExpectedResult.objectLike({
      SecurityGroups: [Match.objectLike({
        IpPermissionsEgress: Match.arrayWith([Match.objectLike({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [Match.objectLike({ CidrIp: '0.0.0.0/0' })] })]),
      })],
    }));
  integ.assertions.awsApiCall('EC2', 'describeSecurityGroups', {
    GroupIds: [vault.securityGroup.securityGroupId],
    Filters: [{ Name: 'egress.ip-permission.cidr', Values: ['0.0.0.0/0'] }],
  }).expect(ExpectedResult.exact({ SecurityGroups: [] }));
  // every tier has its network ACL, and none opens SSH or RDP to the internet
  for (const acl of network.networkAcls) {
    integ.assertions.awsApiCall('EC2', 'describeNetworkAcls', { NetworkAclIds: [acl.networkAclId] })
      .expect(ExpectedResult.objectLike({
        NetworkAcls: [Match.objectLike({
          Entries: Match.arrayWith([Match.objectLike({ RuleNumber: 100, Egress: false, RuleAction: 'allow', CidrBlock: '10.0.0.0/16' })]),
        })],
      }));
  }
});

import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { monitoredNetwork } from './fixtures';
import { Egress } from '../../src';
import { rejectedFlowsPattern } from '../../src/observability/flow-log-analysis';
import { logicalId, newNetwork, newStack } from '../helpers/network';

const PARSE_DEFAULT = 'parse @message "* * * * * * * * * * * * * * * * * * * * *" as version, accountId, interfaceId, srcAddr, dstAddr, srcPort, dstPort, '
  + 'protocol, packets, bytes, start, end, action, logStatus, tcpFlags, pktSrcaddr, pktDstaddr, flowDirection, trafficPath, pktSrcAwsService, pktDstAwsService';

function queries(template: Template): { [name: string]: any } {
  return Object.fromEntries(Object.values(template.findResources('AWS::Logs::QueryDefinition')).map(r => [r.Properties.Name, r.Properties]));
}

describe('rejected flows metric filter', () => {
  test('counts REJECT records of the network\'s format on the network flow log group', () => {
    const { network, template } = monitoredNetwork();
    const t = template();
    t.resourceCountIs('AWS::Logs::MetricFilter', 1);
    t.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: logicalId(network.flowLogGroup!) },
      FilterPattern: '[version, account_id, interface_id, srcaddr, dstaddr, srcport, dstport, protocol, packets, bytes, start, end, action = "REJECT", log_status, '
        + 'tcp_flags, pkt_srcaddr, pkt_dstaddr, flow_direction, traffic_path, pkt_src_aws_service, pkt_dst_aws_service]',
      MetricTransformations: [{ MetricNamespace: 'EcsAdvancedNetwork', MetricName: 'RejectedFlows-StackNetworkMonitoring5937E9B3', MetricValue: '1', DefaultValue: 0 }],
    });
    expect(network.monitoring!.rejectedFlowsMetricFilter).toBeDefined();
  });

  test('follows a custom record format', () => {
    const { template } = monitoredNetwork({
      flowLogs: { logFormat: [ec2.LogFormat.SRC_ADDR, ec2.LogFormat.DST_ADDR, ec2.LogFormat.DST_PORT, ec2.LogFormat.ACTION, ec2.LogFormat.custom('${tcp-flags}')] },
    });
    template().hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: '[srcaddr, dstaddr, dstport, action = "REJECT", tcp_flags]' });
  });

  test('is not created for a format without `action`, or for flow logs of accepted traffic only', () => {
    const { network: noAction } = monitoredNetwork({ flowLogs: { logFormat: [ec2.LogFormat.SRC_ADDR, ec2.LogFormat.DST_ADDR] } });
    expect(noAction.monitoring!.rejectedFlowsMetricFilter).toBeUndefined();
    expect(noAction.monitoring!.rejectedFlowsAlarm).toBeUndefined();
    const { network: accepted } = monitoredNetwork({ flowLogs: { trafficType: ec2.FlowLogTrafficType.ACCEPT } });
    expect(accepted.monitoring!.rejectedFlowsMetricFilter).toBeUndefined();
    expect(accepted.monitoring!.rejectedFlowsQuery).toBeUndefined();
  });

  test('the pattern helper skips a format without `action`', () => {
    expect(rejectedFlowsPattern({ fields: ['srcaddr'], capturesRejects: true })).toBeUndefined();
  });
});

describe('saved Logs Insights queries', () => {
  test('top talkers, rejected flows by source and port, traffic to the internet via NAT, on the flow log group', () => {
    const { network, template } = monitoredNetwork();
    const q = queries(template());
    expect(Object.keys(q).sort()).toEqual([
      'Stack/Network/Rejected flows by source and port',
      'Stack/Network/Rejected flows from the tasks by interface',
      'Stack/Network/Top talkers',
      'Stack/Network/Traffic from the tasks by AWS service and path',
      'Stack/Network/Traffic to the internet via NAT',
      'Stack/Network/Unanswered connection attempts from the tasks',
    ]);
    for (const query of Object.values(q)) expect(query.LogGroupNames).toEqual([{ Ref: logicalId(network.flowLogGroup!) }]);
    expect(q['Stack/Network/Top talkers'].QueryString).toBe([
      PARSE_DEFAULT,
      '| stats sum(bytes) as bytesTransferred, sum(packets) as packetsTransferred by srcAddr, dstAddr',
      '| sort bytesTransferred desc',
      '| limit 25',
    ].join('\n'));
    expect(q['Stack/Network/Rejected flows by source and port'].QueryString).toBe([
      PARSE_DEFAULT,
      '| filter action = "REJECT"',
      '| stats count(*) as rejectedFlows by srcAddr, dstPort',
      '| sort rejectedFlows desc',
      '| limit 25',
    ].join('\n'));
    expect(q['Stack/Network/Traffic to the internet via NAT'].QueryString).toBe([
      PARSE_DEFAULT,
      '| filter isIpv4InSubnet(srcAddr, "10.0.16.0/20") or isIpv4InSubnet(srcAddr, "10.0.32.0/20")',
      '| filter not isIpv4InSubnet(dstAddr, "10.0.0.0/8") and not isIpv4InSubnet(dstAddr, "172.16.0.0/12") and not isIpv4InSubnet(dstAddr, "192.168.0.0/16") and not isIpv4InSubnet(dstAddr, "100.64.0.0/10")',
      '| filter action = "ACCEPT"',
      '| stats sum(bytes) as bytesToInternet by srcAddr, dstAddr, dstPort',
      '| sort bytesToInternet desc',
      '| limit 25',
    ].join('\n'));
    expect(q['Stack/Network/Rejected flows from the tasks by interface'].QueryString).toBe([
      PARSE_DEFAULT,
      '| filter action = "REJECT"',
      '| filter isIpv4InSubnet(srcAddr, "10.0.16.0/20") or isIpv4InSubnet(srcAddr, "10.0.32.0/20")',
      '| stats count(*) as rejectedFlows by interfaceId, srcAddr, dstAddr, dstPort',
      '| sort rejectedFlows desc',
      '| limit 25',
    ].join('\n'));
    expect(network.monitoring!.topTalkersQuery).toBeDefined();
    expect(network.monitoring!.rejectedFlowsQuery).toBeDefined();
    expect(network.monitoring!.internetViaNatQuery).toBeDefined();
    expect(network.monitoring!.rejectedFromTasksQuery).toBeDefined();
    // the version 5 fields: the tasks' traffic by the AWS service it reaches and the path it takes
    // both select the egress records whose packets come from the task subnets
    const fromTasks = (filter: string, stats: string, sort: string) => [PARSE_DEFAULT, `| filter ${filter}`,
      '| filter isIpv4InSubnet(pktSrcaddr, "10.0.16.0/20") or isIpv4InSubnet(pktSrcaddr, "10.0.32.0/20")', `| stats ${stats}`, `| sort ${sort}`, '| limit 25'].join('\n');
    expect(q['Stack/Network/Traffic from the tasks by AWS service and path'].QueryString)
      .toBe(fromTasks('flowDirection = "egress"', 'sum(bytes) as bytesOut by pktDstAwsService, trafficPath, dstPort', 'bytesOut desc'));
    expect(network.monitoring!.tasksToAwsServicesQuery).toBeDefined();
    // tcp-flags 2 on the way out: SYN alone, attempts nobody answered
    expect(q['Stack/Network/Unanswered connection attempts from the tasks'].QueryString)
      .toBe(fromTasks('flowDirection = "egress" and tcpFlags = 2', 'count(*) as attempts by pktSrcaddr, pktDstaddr, dstPort, action', 'attempts desc'));
    expect(network.monitoring!.unansweredConnectionsQuery).toBeDefined();
  });

  test('the NAT query selects the private subnets of the new VPC', () => {
    const { network } = newNetwork();
    expect(network.vpc.privateSubnets.map(s => s.ipv4CidrBlock)).toEqual(['10.0.16.0/20', '10.0.32.0/20']);
  });

  test('parse a custom format into the same field names', () => {
    const { template } = monitoredNetwork({
      flowLogs: { logFormat: [ec2.LogFormat.SRC_ADDR, ec2.LogFormat.DST_ADDR, ec2.LogFormat.BYTES, ec2.LogFormat.custom('${pkt-srcaddr}')] },
    });
    const q = queries(template());
    expect(Object.keys(q)).toEqual(['Stack/Network/Top talkers']);
    expect(q['Stack/Network/Top talkers'].QueryString).toBe([
      'parse @message "* * * *" as srcAddr, dstAddr, bytes, pktSrcaddr',
      '| stats sum(bytes) as bytesTransferred by srcAddr, dstAddr',
      '| sort bytesTransferred desc',
      '| limit 25',
    ].join('\n'));
  });

  test('no NAT query when tasks have no NAT route; the rejected-from-tasks query stays', () => {
    const { network } = newNetwork({ egress: Egress.endpointsOnly() });
    expect(network.monitoring!.internetViaNatQuery).toBeUndefined();
    expect(network.monitoring!.rejectedFromTasksQuery).toBeDefined();
    expect(network.monitoring!.topTalkersQuery).toBeDefined();
  });

  test('no queries without a flow log group of the network', () => {
    const stack = newStack();
    const { network } = newNetwork({ flowLogs: { enabled: false } }, stack);
    Template.fromStack(stack).resourceCountIs('AWS::Logs::QueryDefinition', 0);
    expect(network.monitoring!.topTalkersQuery).toBeUndefined();
  });
});

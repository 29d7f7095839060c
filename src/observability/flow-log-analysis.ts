import { Names, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AWS_LIMITS } from '../limits/aws-limits';
import { PRIVATE_IPV4_RANGES } from '../network/subnet-math';
import { fitName } from '../private/validation';

/** The fields of a flow log record in the AWS default format (version 2), in order. */
export const DEFAULT_FLOW_LOG_FIELDS = [
  'version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport',
  'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status',
];

/** The Logs Insights names of the fields the queries use (the names Logs Insights discovers for the default format). */
const INSIGHTS_NAMES: { [field: string]: string } = {
  'srcaddr': 'srcAddr',
  'dstaddr': 'dstAddr',
  'srcport': 'srcPort',
  'dstport': 'dstPort',
  'account-id': 'accountId',
  'interface-id': 'interfaceId',
  'log-status': 'logStatus',
};

/** How many rows each saved query returns. */
const QUERY_LIMIT = 25;

/** What the flow log captures, read from the flow log itself. */
export interface FlowLogShape {
  /** The record fields, in order (`srcaddr`, `log-status`...). */
  readonly fields: string[];
  /** Whether REJECT records are captured. */
  readonly capturesRejects: boolean;
}

/** Reads the record format and traffic type of a flow log. */
export function flowLogShape(flowLog: ec2.FlowLog): FlowLogShape | undefined {
  const cfn = flowLog.node.defaultChild as ec2.CfnFlowLog;
  const format = cfn.logFormat;
  if (format !== undefined && Token.isUnresolved(format)) return undefined;
  const fields = format === undefined ? DEFAULT_FLOW_LOG_FIELDS : [...format.matchAll(/\$\{([a-z0-9-]+)\}/g)].map(m => m[1]);
  return { fields, capturesRejects: cfn.trafficType !== ec2.FlowLogTrafficType.ACCEPT };
}

/**
 * The metric filter pattern that matches REJECT records: a space-delimited pattern over the record
 * fields, restricted on `action`. Undefined when the format has no `action` field.
 */
export function rejectedFlowsPattern(shape: FlowLogShape): logs.IFilterPattern | undefined {
  if (!shape.fields.includes('action')) return undefined;
  const columns = shape.fields.map(f => f.replace(/-/g, '_'));
  return logs.FilterPattern.spaceDelimited(...columns).whereString('action', '=', 'REJECT');
}

/** Counts REJECT records of the flow log group, one metric per network. */
export function createRejectedFlowsFilter(scope: Construct, logGroup: logs.ILogGroup, shape: FlowLogShape): logs.MetricFilter | undefined {
  const filterPattern = rejectedFlowsPattern(shape);
  if (!filterPattern || !shape.capturesRejects) return undefined;
  return new logs.MetricFilter(scope, 'RejectedFlowsFilter', {
    logGroup,
    filterPattern,
    metricNamespace: 'EcsAdvancedNetwork',
    metricName: `RejectedFlows-${Names.uniqueId(scope)}`,
    metricValue: '1',
    defaultValue: 0,
  });
}

/** The saved Logs Insights queries on the flow log group. */
export interface FlowLogQueries {
  readonly topTalkers?: logs.QueryDefinition;
  readonly rejectedFlows?: logs.QueryDefinition;
  readonly internetViaNat?: logs.QueryDefinition;
  readonly rejectedFromTasks?: logs.QueryDefinition;
  readonly internetOverIpv6?: logs.QueryDefinition;
  readonly tasksToServices?: logs.QueryDefinition;
  readonly unansweredConnections?: logs.QueryDefinition;
  /** The query string of `rejectedFlows`, for the dashboard. */
  readonly rejectedFlowsQuery?: string;
}

/** What the queries need to know about the network. */
export interface FlowLogQueryContext {
  /** The folder of the saved queries in the console (`<stack>/<network>`). */
  readonly folder: string;
  readonly logGroup: logs.ILogGroup;
  readonly shape: FlowLogShape;
  /** The CIDR blocks of the task subnets when tasks reach the internet through NAT, else undefined. */
  readonly natSourceCidrs?: string[];
  /** The CIDR blocks of the task subnets, when known. */
  readonly taskSubnetCidrs?: string[];
  /** The IPv6 block of a dual-stack VPC. */
  readonly vpcIpv6Cidr?: string;
}

/** Creates the saved queries whose fields the flow log format carries. */
export function createFlowLogQueries(scope: Construct, context: FlowLogQueryContext): FlowLogQueries {
  const { shape } = context;
  const has = (...fields: string[]) => fields.every(f => shape.fields.includes(f));
  const parse = `@message "${shape.fields.map(() => '*').join(' ')}" as ${shape.fields.map(insightsName).join(', ')}`;
  const save = (id: string, title: string, query: logs.QueryStringProps) => new logs.QueryDefinition(scope, id, {
    // PutQueryDefinition takes names of at most 255 characters
    queryDefinitionName: fitName(context.folder, `/${title}`, AWS_LIMITS.queryNameLength.value),
    queryString: new logs.QueryString({ parseStatements: [parse], limit: QUERY_LIMIT, ...query }),
    logGroups: [context.logGroup],
  });

  const topTalkers = has('srcaddr', 'dstaddr', 'bytes') ? save('TopTalkersQuery', 'Top talkers', {
    statsStatements: [`sum(bytes) as bytesTransferred${has('packets') ? ', sum(packets) as packetsTransferred' : ''} by srcAddr, dstAddr`],
    sort: 'bytesTransferred desc',
  }) : undefined;

  const rejectedQuery: logs.QueryStringProps = {
    filterStatements: ['action = "REJECT"'],
    statsStatements: ['count(*) as rejectedFlows by srcAddr, dstPort'],
    sort: 'rejectedFlows desc',
  };
  const rejectedFlows = shape.capturesRejects && has('action', 'srcaddr', 'dstport')
    ? save('RejectedFlowsQuery', 'Rejected flows by source and port', rejectedQuery) : undefined;

  const natSources = context.natSourceCidrs;
  const internetViaNat = natSources && natSources.length > 0 && has('srcaddr', 'dstaddr', 'dstport', 'bytes')
    ? save('InternetViaNatQuery', 'Traffic to the internet via NAT', {
      filterStatements: [
        natSources.map(cidr => `isIpv4InSubnet(srcAddr, "${cidr}")`).join(' or '),
        PRIVATE_IPV4_RANGES.map(cidr => `not isIpv4InSubnet(dstAddr, "${cidr}")`).join(' and '),
        ...(has('action') ? ['action = "ACCEPT"'] : []),
      ],
      statsStatements: ['sum(bytes) as bytesToInternet by srcAddr, dstAddr, dstPort'],
      sort: 'bytesToInternet desc',
    }) : undefined;

  // flow records carry the network interface, not its security groups: an interface of a task whose
  // flows are rejected on the way out names the service whose declaration (connectsTo, egressTo) is missing
  const tasks = context.taskSubnetCidrs;
  const rejectedFromTasks = shape.capturesRejects && tasks && tasks.length > 0 && has('action', 'interface-id', 'srcaddr', 'dstaddr', 'dstport')
    ? save('RejectedFromTasksQuery', 'Rejected flows from the tasks by interface', {
      filterStatements: ['action = "REJECT"', tasks.map(cidr => `isIpv4InSubnet(srcAddr, "${cidr}")`).join(' or ')],
      statsStatements: ['count(*) as rejectedFlows by interfaceId, srcAddr, dstAddr, dstPort'],
      sort: 'rejectedFlows desc',
    }) : undefined;

  // IPv6 leaves through the egress-only internet gateway, not NAT: from the VPC's block to anywhere outside it
  const v6 = context.vpcIpv6Cidr;
  const internetOverIpv6 = v6 !== undefined && has('srcaddr', 'dstaddr', 'dstport', 'bytes')
    ? save('InternetOverIpv6Query', 'Traffic to the internet over IPv6', {
      filterStatements: [
        `isIpv6InSubnet(srcAddr, "${v6}") and not isIpv6InSubnet(dstAddr, "${v6}")`,
        ...(has('action') ? ['action = "ACCEPT"'] : []),
      ],
      statsStatements: ['sum(bytes) as bytesToInternet by srcAddr, dstAddr, dstPort'],
      sort: 'bytesToInternet desc',
    }) : undefined;

  // version 5 fields: which AWS service the tasks' traffic reaches and by which path (1 within the VPC,
  // 2 internet gateway or gateway endpoint, 7 gateway endpoint, 8 internet gateway...), so that traffic to
  // S3 or ECR through NAT rather than an endpoint shows up, priced per GB
  const tasksToServices = tasks && tasks.length > 0 && has('flow-direction', 'traffic-path', 'pkt-dst-aws-service', 'pkt-srcaddr', 'dstport', 'bytes')
    ? save('TasksToAwsServicesQuery', 'Traffic from the tasks by AWS service and path', {
      filterStatements: ['flowDirection = "egress"', tasks.map(cidr => `isIpv4InSubnet(pktSrcaddr, "${cidr}")`).join(' or ')],
      statsStatements: ['sum(bytes) as bytesOut by pktDstAwsService, trafficPath, dstPort'],
      sort: 'bytesOut desc',
    }) : undefined;

  // tcp-flags is the OR of the flags of the record's packets: 2 (SYN alone) on the way out of a task
  // means connection attempts that got no answer in the interval (a security group, an ACL or a
  // firewall dropped them, or nothing listens), whether the record is ACCEPT or REJECT
  // (https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html, "TCP flag sequence")
  const unansweredConnections = tasks && tasks.length > 0 && has('flow-direction', 'tcp-flags', 'pkt-srcaddr', 'pkt-dstaddr', 'dstport')
    ? save('UnansweredConnectionsQuery', 'Unanswered connection attempts from the tasks', {
      filterStatements: ['flowDirection = "egress" and tcpFlags = 2', tasks.map(cidr => `isIpv4InSubnet(pktSrcaddr, "${cidr}")`).join(' or ')],
      statsStatements: [`count(*) as attempts by pktSrcaddr, pktDstaddr, dstPort${has('action') ? ', action' : ''}`],
      sort: 'attempts desc',
    }) : undefined;

  return {
    topTalkers,
    tasksToServices,
    unansweredConnections,
    internetOverIpv6,
    rejectedFlows,
    internetViaNat,
    rejectedFromTasks,
    rejectedFlowsQuery: rejectedFlows
      ? new logs.QueryString({ parseStatements: [parse], limit: QUERY_LIMIT, ...rejectedQuery }).toString() : undefined,
  };
}

/** The folder of a network's saved queries: `<stack name>/<network id>`. */
export function queryFolder(scope: Construct, networkId: string): string {
  const stackName = Stack.of(scope).stackName;
  return Token.isUnresolved(stackName) ? networkId : `${stackName}/${networkId}`;
}

function insightsName(field: string): string {
  return INSIGHTS_NAMES[field] ?? field.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

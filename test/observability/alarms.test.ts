import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { alarmsByName, dashboardBody, monitoredNetwork } from './fixtures';
import { Egress } from '../../src';
import { IMAGE, logicalId, newNetwork, newStack, serviceProps } from '../helpers/network';
import { importVpc } from '../network/fixtures';

const NETWORK_ALARMS = [
  'Stack-Network-LoadBalancer5xx',
  'Stack-Network-NatGateway1-ErrorPortAllocation',
  'Stack-Network-NatGateway1-PacketsDropCount',
  'Stack-Network-NatGateway2-ErrorPortAllocation',
  'Stack-Network-NatGateway2-PacketsDropCount',
  'Stack-Network-RejectedFlows',
];
const ROUTED_ALARMS = ['CpuUtilization', 'MemoryUtilization', 'RunningTasks', 'Target5xx', 'UnhealthyHosts', 'TargetResponseTime'];
const UNROUTED_ALARMS = ['CpuUtilization', 'MemoryUtilization', 'RunningTasks'];

describe('alarms by default', () => {
  test('the network, each NAT gateway, the flow logs and every service have their alarms', () => {
    const { template } = monitoredNetwork();
    expect(Object.keys(alarmsByName(template())).sort()).toEqual([
      ...NETWORK_ALARMS,
      ...ROUTED_ALARMS.map(a => `Stack-Network-web-${a}`),
      ...UNROUTED_ALARMS.map(a => `Stack-Network-orders-${a}`),
      ...UNROUTED_ALARMS.map(a => `Stack-Network-worker-${a}`),
    ].sort());
  });

  test('every alarm fires above its threshold for 3 of 3 one-minute points and treats missing data as fine', () => {
    const alarms = Object.values(alarmsByName(monitoredNetwork().template()));
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
        TreatMissingData: 'notBreaching',
        AlarmDescription: expect.any(String),
      });
    }
  });

  test('load balancer 5xx: its own 5xx, summed per minute, above 10', () => {
    const alarm = alarmsByName(monitoredNetwork().template())['Stack-Network-LoadBalancer5xx'];
    expect(alarm).toMatchObject({
      Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_ELB_5XX_Count', Statistic: 'Sum', Period: 60, Threshold: 10,
    });
    expect(alarm.Dimensions.map((d: any) => d.Name)).toEqual(['LoadBalancer']);
  });

  test('a routed service: target 5xx above 10, any unhealthy host, p95 response time above 2 s', () => {
    const alarms = alarmsByName(monitoredNetwork().template());
    expect(alarms['Stack-Network-web-Target5xx']).toMatchObject({ MetricName: 'HTTPCode_Target_5XX_Count', Statistic: 'Sum', Threshold: 10 });
    expect(alarms['Stack-Network-web-UnhealthyHosts']).toMatchObject({ MetricName: 'UnHealthyHostCount', Statistic: 'Maximum', Threshold: 0 });
    expect(alarms['Stack-Network-web-TargetResponseTime']).toMatchObject({ MetricName: 'TargetResponseTime', ExtendedStatistic: 'p95', Threshold: 2 });
    for (const name of ['Target5xx', 'UnhealthyHosts', 'TargetResponseTime']) {
      expect(alarms[`Stack-Network-web-${name}`].Dimensions.map((d: any) => d.Name).sort()).toEqual(['LoadBalancer', 'TargetGroup']);
    }
  });

  test('each service: CPU and memory above 80 % (AWS/ECS), tasks missing from Container Insights', () => {
    const { template, orders } = monitoredNetwork();
    const alarms = alarmsByName(template());
    const dims = [
      { Name: 'ClusterName', Value: Match.anyValue() },
      { Name: 'ServiceName', Value: { 'Fn::GetAtt': [logicalId(orders.service), 'Name'] } },
    ];
    expect(alarms['Stack-Network-orders-CpuUtilization']).toMatchObject({ Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Statistic: 'Average', Period: 60, Threshold: 80 });
    expect(alarms['Stack-Network-orders-MemoryUtilization']).toMatchObject({ Namespace: 'AWS/ECS', MetricName: 'MemoryUtilization', Threshold: 80 });
    Template.fromJSON({ Resources: { A: { Type: 'X', Properties: alarms['Stack-Network-orders-CpuUtilization'] } } })
      .hasResourceProperties('X', { Dimensions: Match.arrayEquals(dims) });
    const running = alarms['Stack-Network-orders-RunningTasks'];
    expect(running.Threshold).toBe(0);
    expect(running.Metrics).toEqual(expect.arrayContaining([
      expect.objectContaining({ Expression: 'desired - running', ReturnData: true }),
      expect.objectContaining({ Id: 'running', MetricStat: expect.objectContaining({ Metric: expect.objectContaining({ Namespace: 'ECS/ContainerInsights', MetricName: 'RunningTaskCount' }) }) }),
      expect.objectContaining({ Id: 'desired', MetricStat: expect.objectContaining({ Metric: expect.objectContaining({ Namespace: 'ECS/ContainerInsights', MetricName: 'DesiredTaskCount' }) }) }),
    ]));
  });

  test('each NAT gateway: port allocation errors above 0 and dropped packets above 100, by NatGatewayId', () => {
    const { network, template } = monitoredNetwork();
    const alarms = alarmsByName(template());
    const natIds = network.monitoring!.natGatewayAlarms.map(n => network.vpc.stack.resolve(n.natGatewayId));
    expect(natIds).toHaveLength(2);
    expect(alarms['Stack-Network-NatGateway1-ErrorPortAllocation']).toMatchObject({
      Namespace: 'AWS/NATGateway',
      MetricName: 'ErrorPortAllocation',
      Statistic: 'Sum',
      Threshold: 0,
      Dimensions: [{ Name: 'NatGatewayId', Value: natIds[0] }],
    });
    expect(alarms['Stack-Network-NatGateway2-PacketsDropCount']).toMatchObject({
      Namespace: 'AWS/NATGateway',
      MetricName: 'PacketsDropCount',
      Threshold: 100,
      Dimensions: [{ Name: 'NatGatewayId', Value: natIds[1] }],
    });
  });

  test('rejected flows: the metric filter metric, summed per 5 minutes, above 1000', () => {
    const alarm = alarmsByName(monitoredNetwork().template())['Stack-Network-RejectedFlows'];
    expect(alarm).toMatchObject({ Namespace: 'EcsAdvancedNetwork', Statistic: 'Sum', Period: 300, Threshold: 1000 });
    expect(alarm.MetricName).toMatch(/^RejectedFlows-StackNetworkMonitoring[0-9A-F]{8}$/);
  });

  test('are exposed: network alarms as properties, service alarms by name, all of them in `alarms`', () => {
    const { network, web, worker } = monitoredNetwork();
    const m = network.monitoring!;
    expect(m.loadBalancer5xxAlarm).toBeInstanceOf(cloudwatch.Alarm);
    expect(m.rejectedFlowsAlarm).toBeInstanceOf(cloudwatch.Alarm);
    expect(m.natGatewayAlarms).toHaveLength(2);
    expect(Object.keys(m.serviceAlarms)).toEqual(['web', 'orders', 'worker']);
    expect(m.serviceAlarms.web.target5xx).toBeInstanceOf(cloudwatch.Alarm);
    expect(m.serviceAlarms.worker.target5xx).toBeUndefined();
    expect(m.alarms).toHaveLength(6 + 6 + 3 + 3);
    // per-service alarms live with the service (its stack, when services go to nested stacks)
    expect(m.serviceAlarms.web.cpuUtilization.node.path).toBe(`${web.node.path}/Alarms/CpuUtilizationAlarm`);
    expect(m.serviceAlarms.worker.runningTasks.node.scope!.node.scope).toBe(worker);
  });

  test('services declared in the props get alarms too', () => {
    const { network } = newNetwork({ services: [{ name: 'api', image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/api/*'] } }] });
    expect(Object.keys(network.monitoring!.serviceAlarms)).toEqual(['api']);
    expect(network.monitoring!.serviceAlarms.api.unhealthyHosts).toBeDefined();
  });
});

describe('alarms that depend on the network', () => {
  test('no NAT gateway alarms with Egress.endpointsOnly(), one pair with a single NAT gateway', () => {
    const { network: none } = newNetwork({ egress: Egress.endpointsOnly() });
    expect(none.monitoring!.natGatewayAlarms).toEqual([]);
    const { network: single } = newNetwork({ egress: Egress.singleNatGateway() });
    expect(single.monitoring!.natGatewayAlarms).toHaveLength(1);
  });

  test('no NAT gateway alarms for an imported VPC, even with NAT gateways of its own', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Theirs', { maxAzs: 2, natGateways: 2 });
    const { network } = newNetwork({ vpc }, stack);
    expect(network.monitoring!.natGatewayAlarms).toEqual([]);
    expect(Object.keys(alarmsByName(Template.fromStack(stack)))).toEqual(['Stack-Network-LoadBalancer5xx']);
  });

  test('no load balancer alarm without a load balancer', () => {
    const { network } = newNetwork({ loadBalancer: { enabled: false } });
    expect(network.monitoring!.loadBalancer5xxAlarm).toBeUndefined();
  });

  test('no rejected-flows alarm when the flow logs go elsewhere or are off', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'FlowLogs');
    const { network: s3Logs } = newNetwork({ flowLogs: { destination: ec2.FlowLogDestination.toS3(bucket) } }, stack);
    expect(s3Logs.monitoring!.rejectedFlowsAlarm).toBeUndefined();
    expect(s3Logs.monitoring!.rejectedFlowsMetricFilter).toBeUndefined();
    const { network: off } = newNetwork({ flowLogs: { enabled: false } });
    expect(off.monitoring!.rejectedFlowsAlarm).toBeUndefined();
  });

  test('an imported VPC without flow logs has only the load balancer alarm', () => {
    const stack = newStack();
    const { network } = newNetwork({ vpc: importVpc(stack) }, stack);
    expect(network.monitoring!.alarms.map(a => a.node.id)).toEqual(['LoadBalancer5xxAlarm']);
  });
});

describe('`monitoring.enabled: false`', () => {
  test('creates no alarm, dashboard, metric filter, query or topic', () => {
    const { network, template } = monitoredNetwork({ monitoring: { enabled: false } });
    const t = template();
    for (const type of ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Dashboard', 'AWS::Logs::MetricFilter', 'AWS::Logs::QueryDefinition', 'AWS::SNS::Topic']) {
      t.resourceCountIs(type, 0);
    }
    expect(network.monitoring).toBeUndefined();
    expect(serviceProps(t, network.findService('web')!).DeploymentConfiguration.Alarms).toEqual({ AlarmNames: [], Enable: false, Rollback: false });
  });
});

describe('threshold overrides', () => {
  test('each threshold and the evaluation periods can be set', () => {
    const { template } = monitoredNetwork({
      monitoring: {
        evaluationPeriods: 5,
        loadBalancer5xxCount: 1,
        target5xxCount: 2,
        targetResponseTimeSeconds: 0.5,
        unhealthyHostCount: 3,
        cpuUtilizationPercent: 90,
        memoryUtilizationPercent: 95,
        natGatewayErrorPortAllocationCount: 4,
        natGatewayPacketsDropCount: 5,
        rejectedFlowsCount: 6,
      },
    });
    const alarms = alarmsByName(template());
    const thresholds = Object.fromEntries(Object.entries(alarms).map(([name, p]) => [name.replace('Stack-Network-', ''), p.Threshold]));
    expect(thresholds).toMatchObject({
      'LoadBalancer5xx': 1,
      'web-Target5xx': 2,
      'web-TargetResponseTime': 0.5,
      'web-UnhealthyHosts': 3,
      'web-CpuUtilization': 90,
      'orders-MemoryUtilization': 95,
      'NatGateway1-ErrorPortAllocation': 4,
      'NatGateway2-PacketsDropCount': 5,
      'RejectedFlows': 6,
    });
    for (const alarm of Object.values(alarms)) {
      expect(alarm).toMatchObject({ EvaluationPeriods: 5, DatapointsToAlarm: 5 });
    }
  });
});

describe('alarm actions', () => {
  test('by default every alarm notifies a topic the network owns, encrypted with its own key', () => {
    const { network, template } = monitoredNetwork();
    const t = template();
    const topic = network.monitoring!.alarmTopic!;
    expect(topic).toBeDefined();
    for (const alarm of Object.values(alarmsByName(t))) {
      expect(alarm.AlarmActions).toEqual([{ Ref: logicalId(topic) }]);
      expect(alarm.ActionsEnabled).toBeUndefined();
    }
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    t.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchAlarmsToPublish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            // only for this account's alarms in this Region
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:*']] } },
            },
          }),
          Match.objectLike({ Sid: 'DenyGrantsExceptForAwsServices', Effect: 'Deny' }),
        ]),
      },
    });
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Sid: 'AllowCloudWatchAlarmsOfThisAccount',
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Condition: { ArnLike: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  test('the given actions replace the topic', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Ops');
    const { network, template } = monitoredNetwork({ monitoring: { alarmActions: [new cw_actions.SnsAction(topic)] } }, stack);
    expect(network.monitoring!.alarmTopic).toBeUndefined();
    template().resourceCountIs('AWS::SNS::Topic', 1);
    for (const alarm of Object.values(alarmsByName(template()))) {
      expect(alarm.AlarmActions).toEqual([{ Ref: logicalId(topic) }]);
    }
  });

  test('an empty list creates alarms without actions and no topic', () => {
    const { template } = monitoredNetwork({ monitoring: { alarmActions: [] } });
    template().resourceCountIs('AWS::SNS::Topic', 0);
    for (const alarm of Object.values(alarmsByName(template()))) {
      expect(alarm.AlarmActions).toBeUndefined();
    }
  });

  test('actions of services added later are wired as well', () => {
    const { network, template } = monitoredNetwork();
    network.addService('late', { image: IMAGE });
    expect(alarmsByName(template())['Stack-Network-late-CpuUtilization'].AlarmActions).toEqual([{ Ref: logicalId(network.monitoring!.alarmTopic!) }]);
  });
});

describe('per-service overrides', () => {
  test('a service\'s own thresholds and evaluation periods replace the network\'s for its alarms only', () => {
    const { network } = newNetwork({ monitoring: { evaluationPeriods: 4, cpuUtilizationPercent: 70 } });
    network.addService('reports', {
      image: IMAGE,
      containerPort: 8080,
      routing: { pathPatterns: ['/reports/*'] },
      monitoring: { evaluationPeriods: 10, targetResponseTimeSeconds: 30, target5xxCount: 50, unhealthyHostCount: 1, memoryUtilizationPercent: 90 },
    });
    network.addService('web', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/*'] } });
    const alarms = alarmsByName(Template.fromStack(Stack.of(network)));
    expect(alarms['Stack-Network-reports-TargetResponseTime']).toMatchObject({ Threshold: 30, EvaluationPeriods: 10, DatapointsToAlarm: 10 });
    expect(alarms['Stack-Network-reports-Target5xx']).toMatchObject({ Threshold: 50, EvaluationPeriods: 10 });
    expect(alarms['Stack-Network-reports-UnhealthyHosts']).toMatchObject({ Threshold: 1 });
    expect(alarms['Stack-Network-reports-MemoryUtilization']).toMatchObject({ Threshold: 90 });
    // what the service did not set comes from the network
    expect(alarms['Stack-Network-reports-CpuUtilization']).toMatchObject({ Threshold: 70, EvaluationPeriods: 10 });
    // the other service and the network keep the network's settings
    expect(alarms['Stack-Network-web-TargetResponseTime']).toMatchObject({ Threshold: 2, EvaluationPeriods: 4 });
    expect(alarms['Stack-Network-web-CpuUtilization']).toMatchObject({ Threshold: 70, EvaluationPeriods: 4 });
    expect(alarms['Stack-Network-LoadBalancer5xx']).toMatchObject({ EvaluationPeriods: 4 });
  });

  test('`enabled: false` gives a service no alarms and no deployment alarms, and keeps it on the dashboard', () => {
    const { network } = newNetwork();
    const batch = network.addService('batch', {
      image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/batch/*'] }, monitoring: { enabled: false },
    });
    network.addService('web', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/*'] } });
    const t = Template.fromStack(Stack.of(network));
    expect(Object.keys(alarmsByName(t)).filter(n => n.includes('-batch-'))).toEqual([]);
    expect(Object.keys(alarmsByName(t)).filter(n => n.includes('-web-'))).toHaveLength(ROUTED_ALARMS.length);
    expect(network.monitoring!.serviceAlarms.batch).toBeUndefined();
    expect(serviceProps(t, batch).DeploymentConfiguration.Alarms.Enable).toBe(false);
    const cpu = dashboardBody(t).widgets.find((w: any) => w.properties.title === 'CPU utilization per service (%)');
    expect(cpu.properties.metrics).toContainEqual(expect.arrayContaining(['CPUUtilization', `<ref:${logicalId(batch.service)}.Name>`]));
  });

  test('services declared in the props take their own settings too', () => {
    const { network } = newNetwork({
      services: [{ name: 'worker', image: IMAGE, monitoring: { cpuUtilizationPercent: 99 } }],
    });
    expect(alarmsByName(Template.fromStack(Stack.of(network)))['Stack-Network-worker-CpuUtilization']).toMatchObject({ Threshold: 99 });
  });
});

describe('deployment alarms', () => {
  test('a routed service rolls back when its target 5xx or unhealthy-host alarm fires', () => {
    const { web, template } = monitoredNetwork();
    const t = template();
    expect(serviceProps(t, web).DeploymentConfiguration.Alarms).toEqual({
      AlarmNames: ['Stack-Network-web-Target5xx', 'Stack-Network-web-UnhealthyHosts'], Enable: true, Rollback: true,
    });
    const dependsOn = t.toJSON().Resources[logicalId(web.service)].DependsOn;
    expect(dependsOn).toEqual(expect.arrayContaining([
      logicalId(web.node.findChild('Alarms').node.findChild('Target5xxAlarm')),
      logicalId(web.node.findChild('Alarms').node.findChild('UnhealthyHostsAlarm')),
    ]));
  });

  test('a service without routing has no deployment alarms', () => {
    const { orders, template } = monitoredNetwork();
    expect(serviceProps(template(), orders).DeploymentConfiguration.Alarms.Enable).toBe(false);
  });

  test('`deploymentAlarms: false` leaves them off', () => {
    const { web, template } = monitoredNetwork({ monitoring: { deploymentAlarms: false } });
    expect(serviceProps(template(), web).DeploymentConfiguration.Alarms.Enable).toBe(false);
  });
});

describe('services in nested stacks', () => {
  test('their alarms go into their nested stack, so the deployment alarms need no cross-stack reference', () => {
    const stack = newStack();
    const { network } = newNetwork({ servicePlacement: { nestedStacks: 1 } }, stack);
    // not `/*` alone: the service taking the listener's default action stays in the network's stack
    const web = network.addService('web', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/web/*'] } });
    const nested = network.serviceStacks[0];
    expect(Stack.of(web)).toBe(nested);
    expect(Stack.of(network.monitoring!.serviceAlarms.web.target5xx!)).toBe(nested);
    const nestedTemplate = Template.fromStack(nested);
    expect(serviceProps(nestedTemplate, web).DeploymentConfiguration.Alarms.AlarmNames)
      .toEqual(['Stack-Network-web-Target5xx', 'Stack-Network-web-UnhealthyHosts']);
    expect(Object.keys(alarmsByName(nestedTemplate))).toHaveLength(6);
    // the parent stack synthesizes (no circular reference between the nested stack and the dashboard)
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});

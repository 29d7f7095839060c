import { Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { Capacity, EcsAdvancedNetwork, NetworkListenerOptions, ServiceDeployment } from '../../src';
import { IMAGE, newNetwork } from '../helpers/network';

/** The AwsSolutions findings of a stack, as `RuleId: construct path` strings. */
function findings(stack: Stack, rule: string): string[] {
  return new AwsSolutionsChecks().validateScope(stack).violations
    .filter(v => v.ruleName.startsWith(`AwsSolutions-${rule}`))
    .flatMap(v => v.violatingResources.map(r => `${v.ruleName}: ${r.constructPath}`));
}

/** The reasons acknowledged on `scope` itself, by rule id. */
function acknowledged(scope: IConstruct): { [id: string]: string } {
  return Object.assign({}, ...scope.node.metadata.filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map(m => m.data));
}

/** A network with an internet-facing Network Load Balancer `edge` (no `ingressPeers`) and a service listening on it. */
function edgeNetwork(listeners: NetworkListenerOptions[]): { stack: Stack; network: EcsAdvancedNetwork } {
  const built = newNetwork({ networkLoadBalancers: [{ name: 'edge' }] });
  built.network.addService('app', { image: IMAGE, containerPort: 8080, networkListeners: listeners });
  return built;
}

describe('AwsSolutions-EC23 on an internet-facing Network Load Balancer without ingressPeers', () => {
  test('is acknowledged while every listener port is 80 or 443', () => {
    const { stack } = edgeNetwork([{ loadBalancer: 'edge', port: 443 }, { loadBalancer: 'edge', port: 80 }]);
    expect(findings(stack, 'EC23')).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('openListenerPort'));
  });

  test('is reported, with a warning naming the port, for a listener on port 22 (the probe of issue 28)', () => {
    const { stack, network } = edgeNetwork([{ loadBalancer: 'edge', port: 443 }, { loadBalancer: 'edge', port: 22 }]);
    expect(findings(stack, 'EC23')).toEqual([`AwsSolutions-EC23: ${network.networkLoadBalancers[0].securityGroup.node.defaultChild!.node.path}`]);
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp(
      'The internet-facing Network Load Balancer `edge` opens its TCP listener on port 22 to any address \\(0\\.0\\.0\\.0/0\\).*Give `networkLoadBalancers\\[0\\]\\.ingressPeers`.*ecs-advanced-network:openListenerPort'));
  });

  test('is reported once a later listener opens another port, whatever the order', () => {
    const { stack } = edgeNetwork([{ loadBalancer: 'edge', port: 5432 }, { loadBalancer: 'edge', port: 443 }]);
    expect(findings(stack, 'EC23').length).toBe(1);
  });

  test('is not made, and nothing warns, when the clients are declared in ingressPeers', () => {
    const { stack, network } = newNetwork({ networkLoadBalancers: [{ name: 'edge', ingressPeers: [ec2.Peer.ipv4('203.0.113.0/24')] }] });
    network.addService('app', { image: IMAGE, containerPort: 8080, networkListeners: [{ loadBalancer: 'edge', port: 22 }] });
    expect(acknowledged(network.networkLoadBalancers[0].securityGroup)).toEqual({});
    expect(findings(stack, 'EC23')).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('openListenerPort'));
  });
});

describe('the certificate acknowledgement of a Network Load Balancer listener', () => {
  test.each([elbv2.Protocol.TCP, elbv2.Protocol.UDP])('claims no encryption on a %s listener', protocol => {
    const { network } = edgeNetwork([{ loadBalancer: 'edge', port: 443, protocol, healthCheck: { port: 8080 } }]);
    const reasons = Object.values(acknowledged(network.services[0].networkListeners[0].listener));
    expect(reasons.length).toBe(3);
    for (const reason of reasons) expect(reason).toMatch(/encrypted only if/);
  });
});

describe('AwsSolutions-IAM5 on an execution role', () => {
  const ecrNetwork = () => {
    const { stack, network } = newNetwork();
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repository', 'app');
    const app = network.addService('app', { image: ecs.ContainerImage.fromEcrRepository(repository, '1'), containerPort: 8080 });
    const web = network.addService('web', { image: IMAGE, containerPort: 8080 });
    return { stack, app, web };
  };

  test('is acknowledged on the ECR GetAuthorizationToken statement alone, in a policy of its own', () => {
    const { stack, app } = ecrNetwork();
    expect(findings(stack, 'IAM5')).toEqual([]);
    const role = app.taskDefinition.executionRole!;
    expect(acknowledged(role)).toEqual({});
    const policy = role.node.findChild('EcrAuthorization');
    expect(Object.keys(acknowledged(policy))).toEqual(['AwsSolutions-IAM5[Resource::*]']);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('EcrAuthorization'),
      PolicyDocument: { Statement: [{ Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' }] },
    });
  });

  test('is not made on the role of a service whose image is not in ECR', () => {
    const { web } = ecrNetwork();
    expect(web.taskDefinition.executionRole!.node.tryFindChild('EcrAuthorization')).toBeUndefined();
  });

  test('reports a wildcard statement that the user adds (the probe of issue 28)', () => {
    const { stack, app } = ecrNetwork();
    app.taskDefinition.addToExecutionRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue', 'kms:Decrypt'], resources: ['*'] }));
    expect(findings(stack, 'IAM5')).toEqual([
      `AwsSolutions-IAM5[Resource::*]: ${app.taskDefinition.executionRole!.node.findChild('DefaultPolicy').node.defaultChild!.node.path}`,
    ]);
  });
});

describe('AwsSolutions-IAM5 on a deployment role', () => {
  const blueGreen = () => {
    const { stack, network } = newNetwork();
    const api = network.addService('api', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/*'] }, deployment: ServiceDeployment.blueGreen() });
    return { stack, role: api.deploymentRole! };
  };

  test('is acknowledged on the Describe statement of Elastic Load Balancing alone, in a policy of its own', () => {
    const { stack, role } = blueGreen();
    expect(findings(stack, 'IAM5')).toEqual([]);
    expect(acknowledged(role)).toEqual({});
    expect(Object.keys(acknowledged(role.node.findChild('DescribeLoadBalancing')))).toEqual(['AwsSolutions-IAM5[Resource::*]']);
  });

  test('reports a wildcard statement that the user adds', () => {
    const { stack, role } = blueGreen();
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['elasticloadbalancing:DeleteLoadBalancer'], resources: ['*'] }));
    expect(findings(stack, 'IAM5')).toEqual([`AwsSolutions-IAM5[Resource::*]: ${role.node.findChild('DefaultPolicy').node.defaultChild!.node.path}`]);
  });
});

describe('AwsSolutions-IAM5 on the instance role of Managed Instances', () => {
  test('excuses the agent\'s own statements, and reports a wildcard statement that the user adds', () => {
    const { stack, network } = newNetwork();
    const service = network.addService('gpu', { image: IMAGE, containerPort: 8080, capacity: Capacity.managedInstances() });
    expect(findings(stack, 'IAM5')).toEqual([]);
    const role = service.capacityProvider!.node.findChild('InstanceRole') as iam.Role;
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    expect(findings(stack, 'IAM5')).toEqual([`AwsSolutions-IAM5[Resource::*]: ${role.node.findChild('DefaultPolicy').node.defaultChild!.node.path}`]);
  });
});

/**
 * The README's quick start, compiled with strict TypeScript against the npm package built into
 * dist/js (installed by scripts/consumers/run.sh, never from the registry), synthesized without an
 * AWS account and checked on the template.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EcsAdvancedNetwork, NetworkService } from 'ecs-advanced-network';

/** The quick start of README.md, as written there. */
function quickStart(stack: Stack): { network: EcsAdvancedNetwork; web: NetworkService; orders: NetworkService; api: NetworkService } {
  const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx-unprivileged:alpine');

  const network = new EcsAdvancedNetwork(stack, 'Network');
  const web = network.addService('web', {
    image, containerPort: 8080, user: '101', writableDirectories: ['/tmp'],
    routing: { pathPatterns: ['/*'] },
  });
  const orders = network.addService('orders', { image, containerPort: 8080, user: '101', writableDirectories: ['/tmp'] });
  const api = network.addService('api', {
    image, containerPort: 8080, user: '101', writableDirectories: ['/tmp'],
    cpu: 512, memoryLimitMiB: 1024, desiredCount: 3,
    routing: { pathPatterns: ['/api/*'], healthCheck: { path: '/' } },
  });
  api.connectTo(orders);   // api may call orders:8080 by name; nothing else may
  return { network, web, orders, api };
}

const app = new App();
const stack = new Stack(app, 'QuickStart');
const { network, web, orders, api } = quickStart(stack);
app.synth();
const template = Template.fromStack(stack);

/** Ingress rules into `target`'s security group from `source`'s. */
function ingress(source: NetworkService, target: NetworkService): object {
  return template.findResources('AWS::EC2::SecurityGroupIngress', {
    Properties: {
      GroupId: stack.resolve(target.securityGroup.securityGroupId),
      SourceSecurityGroupId: stack.resolve(source.securityGroup.securityGroupId),
    },
  });
}

test('three Fargate services without public IPs', () => {
  template.resourceCountIs('AWS::ECS::Service', 3);
  assert.deepEqual(network.services.map(s => s.serviceName).sort(), ['api', 'orders', 'web']);
  template.allResourcesProperties('AWS::ECS::Service', {
    NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED' } },
  });
});

test('web is the default action and api has its path rule', () => {
  assert.equal(web.listenerRule, undefined);
  assert.ok(api.listenerRule);
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
    Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
  });
});

test('only api may call orders, on its port', () => {
  const rules = Object.values(ingress(api, orders)) as { Properties: { FromPort: number } }[];
  assert.equal(rules.length, 1);
  assert.equal(rules[0].Properties.FromPort, 8080);
  assert.deepEqual(ingress(web, orders), {});
});

test('the load balancer is deletion-protected and drops invalid headers by default', () => {
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
    LoadBalancerAttributes: Match.arrayWith([
      { Key: 'deletion_protection.enabled', Value: 'true' },
      { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
    ]),
  });
});

test('bad input is a synth-time error that names the prop', () => {
  const other = new EcsAdvancedNetwork(new Stack(new App(), 'Bad'), 'Network');
  assert.throws(() => other.addService('web', { image: ecs.ContainerImage.fromRegistry('nginx'), containerPort: 70000 }),
    /`web\.containerPort` must be an integer from 1 to 65535, got: 70000/);
});

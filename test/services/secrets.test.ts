import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Egress } from '../../src';
import { IMAGE, allProps, containerOf, newNetwork } from '../helpers/network';

function endpointServices(t: Template): string[] {
  return allProps(t, 'AWS::EC2::VPCEndpoint')
    .filter(p => p.VpcEndpointType === 'Interface')
    .map(p => JSON.stringify(p.ServiceName).match(/\.([a-z.]+)"\]\]\}$/)?.[1] ?? JSON.stringify(p.ServiceName));
}

function dbSecret(stack: Stack) {
  return ecs.Secret.fromSecretsManager(secretsmanager.Secret.fromSecretNameV2(stack, 'Db', 'db'));
}

function tokenParameter(stack: Stack) {
  return ecs.Secret.fromSsmParameter(ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Token', { parameterName: '/app/token' }));
}

describe('secrets', () => {
  test('without secrets, no secrets endpoint is created (with NAT)', () => {
    const { stack, network } = newNetwork();
    network.addService('worker', { image: IMAGE });
    expect(endpointServices(Template.fromStack(stack))).toEqual([]);
  });

  test('a Secrets Manager secret is injected under Secrets and creates the secretsmanager endpoint', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE, secrets: { DB_PASSWORD: dbSecret(stack) } });
    const t = Template.fromStack(stack);
    const c = containerOf(t, svc);
    expect(c.Secrets).toEqual([expect.objectContaining({ Name: 'DB_PASSWORD' })]);
    expect(JSON.stringify(c.Environment ?? [])).not.toContain('DB_PASSWORD');
    expect(endpointServices(t)).toEqual(['secretsmanager']);
  });

  test('an SSM parameter secret creates the ssm endpoint', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('worker', { image: IMAGE, secrets: { API_TOKEN: tokenParameter(stack) } });
    const t = Template.fromStack(stack);
    expect(containerOf(t, svc).Secrets).toEqual([expect.objectContaining({ Name: 'API_TOKEN' })]);
    expect(endpointServices(t)).toEqual(['ssm']);
  });

  test('the endpoints are created once for several services', () => {
    const { stack, network } = newNetwork();
    const db = dbSecret(stack);
    network.addService('a', { image: IMAGE, secrets: { DB_PASSWORD: db } });
    network.addService('b', { image: IMAGE, secrets: { DB_PASSWORD: db, API_TOKEN: tokenParameter(stack) } });
    expect(endpointServices(Template.fromStack(stack)).sort()).toEqual(['secretsmanager', 'ssm']);
  });

  test('the execution role may read the secret', () => {
    const { stack, network } = newNetwork();
    network.addService('worker', { image: IMAGE, secrets: { DB_PASSWORD: dbSecret(stack) } });
    const policies = JSON.stringify(allProps(Template.fromStack(stack), 'AWS::IAM::Policy'));
    expect(policies).toContain('secretsmanager:GetSecretValue');
  });

  test('an environment variable named like a secret is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, environment: { DB_PASSWORD: 'hunter2' } }))
      .toThrow(/`worker\.environment` must not carry secrets in plain environment variables, got: "DB_PASSWORD"\. Pass `DB_PASSWORD` through `secrets`/);
  });

  test.each(['API_KEY', 'GITHUB_TOKEN', 'client_secret'])('environment variable %s is an error', name => {
    const { network } = newNetwork();
    expect(() => network.addService('worker', { image: IMAGE, environment: { [name]: 'x' } }))
      .toThrow(new RegExp(`\`worker\\.environment\` must not carry secrets.*got: "${name}"`));
  });
});

function ecrImage(stack: Stack): ecs.ContainerImage {
  return ecs.ContainerImage.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'Repo', 'worker'), 'v1');
}

describe('secrets without NAT', () => {
  test('an image from a public registry is an error: without NAT it cannot be pulled', () => {
    const { network } = newNetwork({ egress: Egress.endpointsOnly() });
    expect(() => network.addService('worker', { image: IMAGE }))
      .toThrow(/`worker\.image` must come from Amazon ECR: the tasks have no NAT route, so a public registry is unreachable, got: "public\.ecr\.aws/);
  });

  test('with Egress.endpointsOnly() the secretsmanager endpoint is added beside the Fargate ones', () => {
    const { stack, network } = newNetwork({ egress: Egress.endpointsOnly() });
    network.addService('worker', { image: ecrImage(stack), secrets: { DB_PASSWORD: dbSecret(stack) } });
    expect(endpointServices(Template.fromStack(stack)).sort()).toEqual(['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager']);
  });

  test('with serviceEndpoints off and no NAT route, secrets are an error', () => {
    const { stack, network } = newNetwork({ egress: Egress.endpointsOnly(), endpoints: { serviceEndpoints: false } });
    expect(() => network.addService('worker', { image: ecrImage(stack), secrets: { DB_PASSWORD: dbSecret(stack) } }))
      .toThrow(/`worker` uses Secrets Manager secrets, but its tasks have no NAT route and no `secretsmanager` endpoint, got: "secretsmanager"\./);
  });
});

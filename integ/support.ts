import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { BuiltCase, integCase, IntegSettings, PLACEHOLDER_SETTINGS } from './cases';
import { EcsAdvancedNetwork, NetworkService } from '../src';

/** The environment variables a real run sets; without them the apps synthesize with placeholders. */
const SETTINGS_VARIABLES: { [K in Exclude<keyof IntegSettings, 'deploys'>]: string } = {
  domainName: 'INTEG_DOMAIN_NAME',
  hostedZoneId: 'INTEG_HOSTED_ZONE_ID',
  certificateArn: 'INTEG_CERTIFICATE_ARN',
};

/**
 * The settings of this run: all three environment variables for a real run (a public hosted zone,
 * its id, and an ACM certificate for `*.<zone>` in the test region), none for the snapshots.
 */
export function integSettings(env: NodeJS.ProcessEnv = process.env): IntegSettings {
  const entries = Object.entries(SETTINGS_VARIABLES);
  const given = entries.filter(([, variable]) => env[variable]);
  if (given.length === 0) return PLACEHOLDER_SETTINGS;
  if (given.length < entries.length) {
    const missing = entries.filter(([, variable]) => !env[variable]).map(([, variable]) => variable);
    throw new Error(`A real integration run needs ${entries.map(([, v]) => v).join(', ')}; missing: ${missing.join(', ')}.`);
  }
  return {
    deploys: true,
    domainName: env[SETTINGS_VARIABLES.domainName]!,
    hostedZoneId: env[SETTINGS_VARIABLES.hostedZoneId]!,
    certificateArn: env[SETTINGS_VARIABLES.certificateArn]!,
  };
}

/**
 * Defines the integration test of a case: the stack, an `IntegTest`, and the assertions that run
 * against a real deployment (`assert(integ, built)`).
 */
export function defineInteg(name: string, assert: (integ: IntegTest, built: BuiltCase) => void): void {
  // no stack traces in the metadata: the snapshots must not depend on the machine or on source line numbers
  const app = new App({ stackTraces: false, context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const c = integCase(name);
  const stack = new Stack(app, `EcsAdvancedNetwork-${name}`, { description: `ecs-advanced-network integration test: ${c.description}` });
  const built = c.build(stack, integSettings());
  const integ = new IntegTest(app, `${name}-test`, {
    testCases: [stack],
    diffAssets: false,
    // The committed snapshots hold placeholders (example.com, a fake certificate) that cannot deploy, so a
    // real run must not deploy the snapshot before the current code, as the update workflow would.
    stackUpdateWorkflow: false,
    cdkCommandOptions: { destroy: { args: { force: true } } },
  });
  assert(integ, built);
}

/** Waits until `service` runs its desired count of tasks, none with a public IP. */
export function expectServiceRunning(integ: IntegTest, network: EcsAdvancedNetwork, service: NetworkService): void {
  integ.assertions.awsApiCall('ECS', 'describeServices', {
    cluster: network.cluster.clusterArn,
    services: [service.service.serviceArn],
  }).expect(ExpectedResult.objectLike({
    services: [{
      runningCount: service.desiredCount,
      networkConfiguration: { awsvpcConfiguration: { assignPublicIp: 'DISABLED' } },
    }],
  })).waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) });
}

/** Expects `url` (one of the case's published HTTPS names, plus a path) to answer with HTTP `status`. */
export function expectHttp(integ: IntegTest, url: string, status: number): void {
  integ.assertions.httpApiCall(url)
    .expect(ExpectedResult.objectLike({ status }))
    .waitForAssertions({ totalTimeout: Duration.minutes(5), interval: Duration.seconds(20) });
}

/** Expects an HTTPS listener with the TLS 1.3 policy on 443, and port 80 redirecting every request to it. */
export function expectHttpsOnly(integ: IntegTest, network: EcsAdvancedNetwork): void {
  integ.assertions.awsApiCall('ELBv2', 'describeListeners', { ListenerArns: [network.httpsListener!.listenerArn] })
    .expect(ExpectedResult.objectLike({
      Listeners: [{ Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }],
    }));
  integ.assertions.awsApiCall('ELBv2', 'describeListeners', { ListenerArns: [network.httpListener!.listenerArn] })
    .expect(ExpectedResult.objectLike({
      Listeners: [{
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
      }],
    }));
}

import { Stack, Token } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IpStack } from './ip-stack';
import { invalidProp } from '../private/validation';

/** An ECR image by its dual-stack URI: `<account>.dkr-ecr.<region>.on.aws/<repository>[:tag|@digest]`. */
const ECR_DUAL_STACK = /^(\d{12})\.dkr-ecr\.([a-z0-9-]+)\.on\.aws\/([a-z0-9._/-]+?)(?::[\w.-]+|@sha256:[0-9a-f]{64})?$/;

const HOW_TO = 'Use the image\'s ECR dual-stack URI, `ecs.ContainerImage.fromRegistry(\'<account>.dkr-ecr.<region>.on.aws/<repository>:<tag>\')` ' +
  '(ECR\'s dual-stack endpoints do not work over PrivateLink: the tasks reach them through the egress-only internet gateway), ' +
  'or `IpStack.ipv6OnlyTasks({ nat64: true })` with a NAT gateway egress.';

/**
 * IPv6-only tasks pull over IPv6: from ECR through its dual-stack URI, or from anywhere through NAT64.
 * A dual-stack ECR image is given pull rights on the execution role (an image named by URI gets none
 * from `ecs.ContainerImage.fromRegistry()`).
 */
export function prepareIpv6Image(prop: string, container: ecs.ContainerDefinition, ipStack: IpStack): void {
  if (!ipStack._ipv6OnlyTasks) return;
  const image = container.imageName;
  if (Token.isUnresolved(image)) {
    const resolved = JSON.stringify(Stack.of(container).resolve(image));
    // a dual-stack URI of the stack's own account and region, written with tokens (`${Aws.ACCOUNT_ID}.dkr-ecr.${Aws.REGION}.on.aws/web:1`)
    const tokenDualStack = /\.dkr-ecr\.".*\.on\.aws\/([a-z0-9._/-]+?)(?::[\w.-]+)?"/.exec(resolved);
    if (tokenDualStack) {
      grantPull(container, Stack.of(container).account, Stack.of(container).region, tokenDualStack[1]);
      return;
    }
    // an ECR image of this app (`fromEcrRepository`, `fromAsset`) names the IPv4-only endpoint
    const ecrIpv4 = resolved.includes('.dkr.ecr.');
    if (ecrIpv4 && !ipStack.nat64) {
      throw invalidProp(`${prop}.image`, 'cannot be pulled by IPv6-only tasks: it names ECR\'s IPv4-only endpoint (`<account>.dkr.ecr.<region>.amazonaws.com`), and there is no NAT64',
        'an ECR image by its IPv4 URI', HOW_TO);
    }
    return;
  }
  const dualStack = ECR_DUAL_STACK.exec(image);
  if (dualStack) {
    grantPull(container, dualStack[1], dualStack[2], dualStack[3]);
    return;
  }
  if (!ipStack.nat64) {
    throw invalidProp(`${prop}.image`, 'cannot be pulled by IPv6-only tasks: only ECR\'s dual-stack endpoint serves images over IPv6 here, and without NAT64 no IPv4-only registry is reachable',
      image, HOW_TO);
  }
}

function grantPull(container: ecs.ContainerDefinition, account: string, region: string, repository: string): void {
  const role = container.taskDefinition.obtainExecutionRole();
  const stack = Stack.of(container);
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    resources: [stack.formatArn({ service: 'ecr', account, region, resource: 'repository', resourceName: repository })],
  }));
  // the registry token is not scoped to a repository (the same statement ecs.EcrImage grants)
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
}

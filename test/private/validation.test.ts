import { Lazy, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe as describeValue, DNS_LABEL, duplicates, invalidProp, isConcrete, requireIntegerInRange } from '../../src/private/validation';
import { synth } from '../network/fixtures';

describe('invalidProp', () => {
  test('names the prop in backticks, states the rule, the value given and the fix', () => {
    const error = invalidProp('subnets.privateCidrMask', 'must be an integer from 16 to 28', 29, 'Choose a value from 16 to 28.');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('`subnets.privateCidrMask` must be an integer from 16 to 28, got: 29. Choose a value from 16 to 28.');
  });

  test('quotes strings and lists arrays in the value given', () => {
    expect(invalidProp('p', 'is bad', 'x y', 'Fix it.').message).toBe('`p` is bad, got: "x y". Fix it.');
    expect(invalidProp('p', 'is bad', ['a', 1], 'Fix it.').message).toBe('`p` is bad, got: ["a", 1]. Fix it.');
  });
});

describe('describe', () => {
  test('renders values for an error message', () => {
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(false)).toBe('false');
    expect(describeValue(2.5)).toBe('2.5');
    expect(describeValue('a"b')).toBe('"a\\"b"');
    expect(describeValue([])).toBe('[]');
  });

  test('renders unresolved tokens as <token>', () => {
    expect(describeValue(Lazy.string({ produce: () => 'x' }))).toBe('<token>');
    expect(describeValue(Token.asNumber(Lazy.number({ produce: () => 3 })))).toBe('<token>');
    expect(describeValue([Lazy.string({ produce: () => 'x' }), 'y'])).toBe('[<token>, "y"]');
  });
});

describe('requireIntegerInRange', () => {
  test('accepts integers at both ends of the range', () => {
    expect(() => requireIntegerInRange('maxAzs', 2, 2, 16)).not.toThrow();
    expect(() => requireIntegerInRange('maxAzs', 16, 2, 16)).not.toThrow();
  });

  test('rejects values below, above or between integers, with the default fix', () => {
    expect(() => requireIntegerInRange('maxAzs', 1, 2, 16)).toThrow(/^`maxAzs` must be an integer from 2 to 16, got: 1\. Choose a value from 2 to 16\.$/);
    expect(() => requireIntegerInRange('maxAzs', 17, 2, 16)).toThrow(/^`maxAzs` must be an integer from 2 to 16, got: 17\./);
    expect(() => requireIntegerInRange('maxAzs', 2.5, 2, 16)).toThrow(/^`maxAzs` must be an integer from 2 to 16, got: 2\.5\./);
    expect(() => requireIntegerInRange('maxAzs', NaN, 2, 16)).toThrow(/got: NaN/);
  });

  test('uses the given fix', () => {
    expect(() => requireIntegerInRange('x', 0, 1, 5, 'Use 3.')).toThrow(/^`x` must be an integer from 1 to 5, got: 0\. Use 3\.$/);
  });

  test('skips unresolved tokens and undefined', () => {
    expect(() => requireIntegerInRange('x', Token.asNumber(Lazy.number({ produce: () => 99 })), 1, 5)).not.toThrow();
    expect(() => requireIntegerInRange('x', undefined, 1, 5)).not.toThrow();
  });
});

describe('isConcrete', () => {
  test('is true for numbers known at synth time only', () => {
    expect(isConcrete(0)).toBe(true);
    expect(isConcrete(undefined)).toBe(false);
    expect(isConcrete(Token.asNumber(Lazy.number({ produce: () => 1 })))).toBe(false);
  });
});

describe('duplicates', () => {
  test('returns each repeated value once, in first-seen order', () => {
    expect(duplicates(['sts', 'kms', 'sts', 'logs', 'kms', 'sts'])).toEqual(['sts', 'kms']);
    expect(duplicates([3, 1, 2, 1, 3])).toEqual([3, 1]);
  });

  test('returns nothing when every value is unique', () => {
    expect(duplicates([])).toEqual([]);
    expect(duplicates(['a', 'b', 'A'])).toEqual([]);
  });
});

describe('DNS_LABEL', () => {
  test.each(['a', 'shop', 'api-v2', '2fa', '3', 'a'.repeat(63)])('accepts %j (RFC 1123: a label may start with a digit)', label => {
    expect(DNS_LABEL.test(label)).toBe(true);
  });

  test.each(['', 'Shop', 'api-', '-api', 'a_b', 'not valid', 'a'.repeat(64)])('rejects %j', label => {
    expect(DNS_LABEL.test(label)).toBe(false);
  });
});

describe('namespaceName', () => {
  test('defaults to `<construct id in lower case>.internal`', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: 'network.internal' });
  });

  test('uses the given DNS name', () => {
    const { template } = synth({ namespaceName: 'shop.internal' });
    template.hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: 'shop.internal' });
    expect(Object.keys(Template.fromJSON(template.toJSON()).findResources('AWS::ServiceDiscovery::PrivateDnsNamespace'))).toHaveLength(1);
  });

  test('rejects a name that is not a DNS name', () => {
    expect(() => synth({ namespaceName: 'Not Valid' })).toThrow(
      /^`namespaceName` must be a DNS name: dot-separated labels of lower-case letters, digits and hyphens, got: "Not Valid"\. Use a name such as `shop\.internal`\.$/,
    );
  });

  test('rejects an empty label', () => {
    expect(() => synth({ namespaceName: 'shop..internal' })).toThrow(/^`namespaceName` must be a DNS name.*got: "shop\.\.internal"/);
  });
});

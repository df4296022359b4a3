import { AwsTranslateProvider } from './aws.provider';
import { check, fakeTranslation } from './testing/local-server';
import { describeProviderContract } from './testing/provider-contract';

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
// AWS JSON 1.1 errors: the type in a header and in `__type`, the message in `message`.
const awsError = (status: number, type: string, message: string) => ({
  status,
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.translate/` },
  body: { __type: `com.amazonaws.translate#${type}`, message },
});

describeProviderContract({
  name: 'aws',
  create: (url, options) => new AwsTranslateProvider({ ...options, url, apiKey: `${ACCESS_KEY_ID}:${SECRET}`, region: 'us-east-1' }),
  handle: (request) => {
    check(request.method === 'POST' && request.path === '/', `unexpected ${request.method} ${request.path}`);
    check(request.headers['x-amz-target'] === 'AWSShineFrontendService_20170701.TranslateText', `unexpected X-Amz-Target ${request.headers['x-amz-target']}`);
    check(request.headers['content-type'] === 'application/x-amz-json-1.1', 'JSON 1.1 content type required');
    const auth = String(request.headers.authorization ?? '');
    const scope = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([a-z0-9-]+)\/translate\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/.exec(
      auth,
    );
    check(scope, `not a SigV4 Authorization header: ${auth}`);
    check(/^\d{8}T\d{6}Z$/.test(String(request.headers['x-amz-date'])), 'x-amz-date required');
    if (scope[1] !== ACCESS_KEY_ID) return awsError(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    check(scope[2] === 'us-east-1', 'signed for the wrong region');
    const body = JSON.parse(request.body);
    check(typeof body.Text === 'string' && body.SourceLanguageCode && body.TargetLanguageCode, 'Text, SourceLanguageCode and TargetLanguageCode are required');
    return {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': '6f8e0c37-0000-4000-8000-000000000000' },
      body: {
        TranslatedText: fakeTranslation(body.Text, body.TargetLanguageCode),
        SourceLanguageCode: body.SourceLanguageCode,
        TargetLanguageCode: body.TargetLanguageCode,
      },
    };
  },
  sent: (request) => {
    const body = JSON.parse(request.body);
    return { texts: [body.Text], source: body.SourceLanguageCode, target: body.TargetLanguageCode };
  },
  errors: {
    rateLimited: awsError(400, 'TooManyRequestsException', 'Rate exceeded'),
    badKey: awsError(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.'),
    serverError: awsError(500, 'InternalServerException', 'An internal server error occurred. Retry your request.'),
  },
  errorWith: (status, text) => {
    const type: Record<number, string> = {
      401: 'UnrecognizedClientException',
      403: 'AccessDeniedException',
      404: 'ResourceNotFoundException',
      429: 'TooManyRequestsException',
    };
    return awsError(status, type[status] ?? (status >= 500 ? 'InternalServerException' : 'InvalidRequestException'), `Invalid request: ${text}`);
  },
  secrets: [ACCESS_KEY_ID, SECRET],
  sourceCodes: { en: 'en', 'zh-Hant': 'zh-TW', so: 'so' },
  targetCodes: { es: 'es', 'zh-Hans': 'zh', 'zh-Hant': 'zh-TW', so: 'so', ht: 'ht', tl: 'tl' },
  batchSize: 1,
});

describe('AwsTranslateProvider settings', () => {
  it('wants the key as ACCESS_KEY_ID:SECRET_ACCESS_KEY', () => {
    expect(() => new AwsTranslateProvider({ apiKey: 'only-one-part', region: 'us-east-1' })).toThrow(/ACCESS_KEY_ID:SECRET_ACCESS_KEY/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  aliyunPercentEncode,
  aliyunSignature,
  aliyunStringToSign,
  aliyunTimestamp,
  tc3Authorization,
} from './sms-signing.js';

describe('Alibaba Cloud RPC signature v1 (HMAC-SHA1)', () => {
  // The worked example of Alibaba's SMS guide "HTTP协议及签名": SendSms with AccessKeyId testId, secret testSecret.
  const docParams = {
    AccessKeyId: 'testId',
    Action: 'SendSms',
    Format: 'XML',
    OutId: '123',
    PhoneNumbers: '15300000001',
    RegionId: 'cn-hangzhou',
    SignName: '阿里云短信测试专用',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_71390007',
    TemplateParam: '{"customer":"test"}',
    Timestamp: '2017-07-12T02:42:19Z',
    Version: '2017-05-25',
  };

  it("builds the document's string to sign", () => {
    expect(aliyunStringToSign('GET', docParams)).toBe(
      'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001' +
        '%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF' +
        '%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0' +
        '%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D' +
        '%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25',
    );
  });

  it("reproduces the document's signature zJDF+Lrzhj/ThnlvIToysFRq6t4=", () => {
    expect(aliyunSignature('GET', docParams, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('leaves the Signature parameter itself out, and the method is part of what is signed', () => {
    expect(aliyunSignature('GET', { ...docParams, Signature: 'anything' }, 'testSecret')).toBe(
      'zJDF+Lrzhj/ThnlvIToysFRq6t4=',
    );
    expect(aliyunSignature('POST', docParams, 'testSecret')).not.toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('percent-encodes as the document says: space %20, * %2A, ~ kept, and the characters encodeURIComponent keeps', () => {
    expect(aliyunPercentEncode("a b*c~d!e'f(g)h+i/j")).toBe('a%20b%2Ac~d%21e%27f%28g%29h%2Bi%2Fj');
    expect(aliyunTimestamp(new Date('2017-07-12T02:42:19.456Z'))).toBe('2017-07-12T02:42:19Z');
  });
});

describe('Tencent Cloud 签名方法 v3 (TC3-HMAC-SHA256)', () => {
  it("reproduces the document's worked example (CVM DescribeInstances, timestamp 1551113065)", () => {
    const { authorization, signature } = tc3Authorization({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      service: 'cvm',
      signedHeaders: { 'Content-Type': 'application/json; charset=utf-8', Host: 'cvm.tencentcloudapi.com' },
      payload: String.raw`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`,
      timestamp: 1551113065,
    });
    expect(signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('takes the credential date in UTC: 00:44 in Beijing on the 26th is still the 25th', () => {
    const { authorization } = tc3Authorization({
      secretId: 'id',
      secretKey: 'key',
      service: 'sms',
      signedHeaders: { 'content-type': 'application/json', host: 'sms.tencentcloudapi.com', 'x-tc-action': 'SendSms' },
      payload: '{}',
      timestamp: Date.parse('2019-02-26T00:44:25+08:00') / 1000,
    });
    expect(authorization).toContain(
      'Credential=id/2019-02-25/sms/tc3_request, SignedHeaders=content-type;host;x-tc-action,',
    );
  });
});

// BLOB_STORE_URL, S3_ENDPOINT and S3_FORCE_PATH_STYLE: a bad value stops start-up naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('the blob store settings', () => {
  it('keep blobs in DATA_DIR when BLOB_STORE_URL is unset or empty', () => {
    expect(loadConfig({}).blobStore).toEqual({ kind: 'file' });
    expect(loadConfig({ BLOB_STORE_URL: '' }).blobStore).toEqual({ kind: 'file' });
  });

  it('read a bucket, its prefix, the endpoint, path style, region and keys', () => {
    expect(
      loadConfig({
        BLOB_STORE_URL: 's3://my-bucket/team/attic/',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_FORCE_PATH_STYLE: 'true',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'id',
        AWS_SECRET_ACCESS_KEY: 'secret',
      }).blobStore,
    ).toEqual({
      kind: 's3',
      bucket: 'my-bucket',
      prefix: 'team/attic/',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
    });
    // No prefix, AWS itself, the SDK's own credential chain.
    expect(loadConfig({ BLOB_STORE_URL: 's3://bucket.example' }).blobStore).toEqual({
      kind: 's3',
      bucket: 'bucket.example',
      prefix: '',
      endpoint: null,
      forcePathStyle: false,
      region: null,
      credentials: null,
    });
  });

  it.each([
    'bucket/prefix',
    'file:///srv/blobs',
    'https://bucket.s3.amazonaws.com/prefix',
    's3://',
    's3://Bucket',
    's3://ab',
    's3://bucket_name',
    's3://bucket//double',
    's3://bucket/a//b',
  ])('refuse BLOB_STORE_URL=%s', (url) => {
    expect(refusal({ BLOB_STORE_URL: url })).toContain(`BLOB_STORE_URL=${JSON.stringify(url)} is not valid`);
  });

  it.each(['localhost:9000', 'ftp://host', 'not a url', 'http://host:9000/?x=1'])('refuse S3_ENDPOINT=%s', (endpoint) => {
    expect(refusal({ BLOB_STORE_URL: 's3://bucket', S3_ENDPOINT: endpoint })).toContain(`S3_ENDPOINT=${JSON.stringify(endpoint)} is not valid`);
  });

  it.each(['yes', '1', 'TRUE'])('refuse S3_FORCE_PATH_STYLE=%s', (value) => {
    expect(refusal({ BLOB_STORE_URL: 's3://bucket', S3_FORCE_PATH_STYLE: value })).toContain(`S3_FORCE_PATH_STYLE=${JSON.stringify(value)} is not valid`);
  });

  it('checks S3_ENDPOINT and S3_FORCE_PATH_STYLE even without BLOB_STORE_URL, so a typo is not ignored', () => {
    expect(refusal({ S3_ENDPOINT: 'localhost:9000' })).toContain('S3_ENDPOINT');
    expect(refusal({ S3_FORCE_PATH_STYLE: 'on' })).toContain('S3_FORCE_PATH_STYLE');
  });
});

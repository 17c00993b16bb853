// The everyday S3 flows of the AWS SDK for JavaScript v3 against a running Nuage region.
//
//   NUAGE_ENDPOINT=http://127.0.0.1:9000 NUAGE_ACCESS_KEY=... NUAGE_SECRET_KEY=... node s3-smoke.mjs
//
// NUAGE_ADDRESSING=path (default) sends path-style requests (forcePathStyle). NUAGE_ADDRESSING=virtual sends
// virtual-host style requests (bucket.NUAGE_DOMAIN:PORT, for a server started with --domain NUAGE_DOMAIN); the
// HTTP agent resolves every name under that domain to 127.0.0.1, so no resolver needs to know it, while the
// request, its Host header and its signature stay exactly what the SDK made.
//
// Prints one line per check ("ok - ..." / "not ok - ...") and exits 1 when any check failed.

import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { Readable } from "node:stream";
import {
  S3Client,
  CreateBucketCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  CopyObjectCommand,
  ListObjectsV2Command,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  ListPartsCommand,
  CompleteMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  DeleteBucketCommand,
} from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const KiB = 1024;
const MiB = 1024 * KiB;

const endpoint = requireEnv("NUAGE_ENDPOINT");
const accessKeyId = requireEnv("NUAGE_ACCESS_KEY");
const secretAccessKey = requireEnv("NUAGE_SECRET_KEY");
const addressing = process.env.NUAGE_ADDRESSING ?? "path";
const region = process.env.NUAGE_SIGNING_REGION ?? "us-east-1";

let failures = 0;
const sent = []; // { method, hostname, path } of every request the SDK sent, recorded after it was built

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is required`);
    process.exit(2);
  }
  return value;
}

function pass(name) {
  console.log(`ok - ${name}`);
}

function fail(name, detail) {
  failures++;
  console.log(`not ok - ${name}: ${detail}`);
}

function check(name, condition, detail) {
  if (condition) {
    pass(name);
  } else {
    fail(name, detail);
  }
}

function checkEqual(name, actual, expected) {
  check(name, actual === expected, `expected ${JSON.stringify(expected)}, actual ${JSON.stringify(actual)}`);
}

function checkBytes(name, actual, expected) {
  const same = Buffer.compare(Buffer.from(actual), expected) === 0;
  check(name, same, `expected ${expected.length} bytes (md5 ${md5Hex(expected)}), actual ${actual.length} bytes (md5 ${md5Hex(Buffer.from(actual))})`);
}

/** Runs one step; an exception fails that step with the SDK's error code, status and request id. */
async function step(name, body) {
  try {
    return await body();
  } catch (error) {
    fail(name, describe(error));
    return undefined;
  }
}

/** Runs a request that must fail, and checks the error name and HTTP status. */
async function expectError(name, body, expectedName, expectedStatus) {
  try {
    await body();
    fail(name, `expected ${expectedName} (${expectedStatus}), but the request succeeded`);
  } catch (error) {
    const status = error?.$metadata?.httpStatusCode;
    check(name, error?.name === expectedName && status === expectedStatus,
      `expected ${expectedName} (${expectedStatus}), actual ${describe(error)}`);
  }
}

function describe(error) {
  const status = error?.$metadata?.httpStatusCode;
  const requestId = error?.$metadata?.requestId;
  return `${error?.name ?? "Error"} (HTTP ${status ?? "?"}, request id ${requestId ?? "?"}): ${error?.message ?? error}`;
}

function md5Hex(bytes) {
  return createHash("md5").update(bytes).digest("hex");
}

/** The ETag of a completed multipart upload: MD5 of the concatenated part MD5s, then "-" and the part count. */
function multipartETag(parts) {
  const concatenated = Buffer.concat(parts.map((p) => createHash("md5").update(p).digest()));
  return `"${md5Hex(concatenated)}-${parts.length}"`;
}

function createClient() {
  const common = {
    region,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  };
  let client;
  if (addressing === "path") {
    client = new S3Client({
      ...common,
      endpoint,
      forcePathStyle: true,
      requestHandler: new NodeHttpHandler({ connectionTimeout: 5000, requestTimeout: 60000 }),
    });
  } else if (addressing === "virtual") {
    const domain = requireEnv("NUAGE_DOMAIN");
    const port = new URL(endpoint).port;
    // Every name in the test domain is this machine; anything else is refused, so no request leaves it.
    const lookup = (hostname, options, callback) => {
      if (hostname !== domain && !hostname.endsWith(`.${domain}`)) {
        callback(Object.assign(new Error(`refusing to resolve ${hostname} outside ${domain}`), { code: "ENOTFOUND" }));
      } else if (options?.all) {
        callback(null, [{ address: "127.0.0.1", family: 4 }]);
      } else {
        callback(null, "127.0.0.1", 4);
      }
    };
    client = new S3Client({
      ...common,
      endpoint: `http://${domain}:${port}`,
      forcePathStyle: false,
      requestHandler: new NodeHttpHandler({
        httpAgent: new http.Agent({ keepAlive: true, lookup }),
        connectionTimeout: 5000,
        requestTimeout: 60000,
      }),
    });
  } else {
    console.error(`NUAGE_ADDRESSING must be path or virtual, not ${addressing}`);
    process.exit(2);
  }

  client.middlewareStack.add(
    (next) => async (args) => {
      const { method, hostname, path, headers } = args.request;
      sent.push({ method, hostname, path, payload: headers["x-amz-content-sha256"] ?? headers["X-Amz-Content-Sha256"] });
      return next(args);
    },
    { step: "finalizeRequest", priority: "low", name: "nuageRecordRequests" },
  );
  return client;
}

async function main() {
  const s3 = createClient();
  const bucket = `js-${addressing}-${randomBytes(5).toString("hex")}`;
  console.log(`# AWS SDK for JavaScript v3, ${addressing} style, endpoint ${endpoint}, bucket ${bucket}`);

  // Buckets
  const created = await step("CreateBucket", () => s3.send(new CreateBucketCommand({ Bucket: bucket })));
  if (!created) {
    console.log("# the bucket could not be created; nothing else can be checked");
    return;
  }
  checkEqual("CreateBucket status", created.$metadata.httpStatusCode, 200);
  checkAddressing("CreateBucket addressed the bucket", bucket);

  const headBucket = await step("HeadBucket", () => s3.send(new HeadBucketCommand({ Bucket: bucket })));
  checkEqual("HeadBucket status", headBucket?.$metadata.httpStatusCode, 200);

  const buckets = await step("ListBuckets", () => s3.send(new ListBucketsCommand({})));
  check("ListBuckets lists the bucket", (buckets?.Buckets ?? []).some((b) => b.Name === bucket),
    `buckets: ${JSON.stringify((buckets?.Buckets ?? []).map((b) => b.Name))}`);

  // Objects: a small one (inline in the metadata row), one over 128 KiB (a blob file), one sent as a stream
  const small = Buffer.from("hello from the AWS SDK for JavaScript v3\n");
  const large = randomBytes(300 * KiB + 7);
  const streamed = randomBytes(200 * KiB + 3);

  const putSmall = await step("PutObject small", () => s3.send(new PutObjectCommand({
    Bucket: bucket, Key: "docs/hello.txt", Body: small, ContentType: "text/plain; charset=utf-8",
    Metadata: { purpose: "smoke", "mixed-case": "Value 1" }, CacheControl: "max-age=60",
  })));
  checkEqual("PutObject small ETag is the MD5 of the body", putSmall?.ETag, `"${md5Hex(small)}"`);

  const putLarge = await step("PutObject 300 KiB", () => s3.send(new PutObjectCommand({
    Bucket: bucket, Key: "data/large.bin", Body: large,
  })));
  checkEqual("PutObject 300 KiB ETag is the MD5 of the body", putLarge?.ETag, `"${md5Hex(large)}"`);

  const putStreamed = await step("PutObject from a stream", () => s3.send(new PutObjectCommand({
    Bucket: bucket, Key: "data/streamed.bin", Body: Readable.from([streamed.subarray(0, 64 * KiB), streamed.subarray(64 * KiB)]),
    ContentLength: streamed.length,
  })));
  checkEqual("PutObject from a stream ETag is the MD5 of the body", putStreamed?.ETag, `"${md5Hex(streamed)}"`);

  const getSmall = await step("GetObject small", () => s3.send(new GetObjectCommand({ Bucket: bucket, Key: "docs/hello.txt" })));
  if (getSmall) {
    checkBytes("GetObject small returns the bytes", await getSmall.Body.transformToByteArray(), small);
    checkEqual("GetObject small Content-Type", getSmall.ContentType, "text/plain; charset=utf-8");
    checkEqual("GetObject small Cache-Control", getSmall.CacheControl, "max-age=60");
    checkEqual("GetObject small x-amz-meta-purpose", getSmall.Metadata?.purpose, "smoke");
    checkEqual("GetObject small x-amz-meta-mixed-case", getSmall.Metadata?.["mixed-case"], "Value 1");
    checkEqual("GetObject small ETag", getSmall.ETag, `"${md5Hex(small)}"`);
  }

  const getLarge = await step("GetObject 300 KiB", () => s3.send(new GetObjectCommand({ Bucket: bucket, Key: "data/large.bin" })));
  if (getLarge) {
    checkBytes("GetObject 300 KiB returns the bytes", await getLarge.Body.transformToByteArray(), large);
    checkEqual("GetObject 300 KiB Content-Length", getLarge.ContentLength, large.length);
  }

  // With ChecksumMode ENABLED the SDK validates the body against the checksum the server returns.
  const getStreamed = await step("GetObject with ChecksumMode ENABLED", () => s3.send(new GetObjectCommand({
    Bucket: bucket, Key: "data/streamed.bin", ChecksumMode: "ENABLED",
  })));
  if (getStreamed) {
    checkBytes("GetObject with ChecksumMode ENABLED returns the bytes", await getStreamed.Body.transformToByteArray(), streamed);
  }

  const range = await step("GetObject Range bytes=1000-1999", () => s3.send(new GetObjectCommand({
    Bucket: bucket, Key: "data/large.bin", Range: "bytes=1000-1999",
  })));
  if (range) {
    checkEqual("GetObject Range status", range.$metadata.httpStatusCode, 206);
    checkEqual("GetObject Range Content-Range", range.ContentRange, `bytes 1000-1999/${large.length}`);
    checkBytes("GetObject Range returns the slice", await range.Body.transformToByteArray(), large.subarray(1000, 2000));
  }

  const head = await step("HeadObject", () => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "data/large.bin" })));
  checkEqual("HeadObject Content-Length", head?.ContentLength, large.length);
  checkEqual("HeadObject ETag", head?.ETag, `"${md5Hex(large)}"`);
  check("HeadObject Last-Modified", head?.LastModified instanceof Date && Math.abs(head.LastModified - Date.now()) < 15 * 60 * 1000,
    `Last-Modified ${head?.LastModified}`);

  const copy = await step("CopyObject", () => s3.send(new CopyObjectCommand({
    Bucket: bucket, Key: "docs/copy.txt", CopySource: `${bucket}/docs/hello.txt`,
  })));
  checkEqual("CopyObject ETag", copy?.CopyObjectResult?.ETag, `"${md5Hex(small)}"`);

  // Multipart: a 5 MiB part (S3's minimum for every part but the last) and a short last part
  const parts = [randomBytes(5 * MiB), randomBytes(1 * MiB + 11)];
  const whole = Buffer.concat(parts);
  const upload = await step("CreateMultipartUpload", () => s3.send(new CreateMultipartUploadCommand({
    Bucket: bucket, Key: "data/multipart.bin", ContentType: "application/x-smoke",
  })));
  if (upload?.UploadId) {
    const completed = [];
    for (const [index, part] of parts.entries()) {
      const result = await step(`UploadPart ${index + 1}`, () => s3.send(new UploadPartCommand({
        Bucket: bucket, Key: "data/multipart.bin", UploadId: upload.UploadId, PartNumber: index + 1, Body: part,
      })));
      checkEqual(`UploadPart ${index + 1} ETag is the MD5 of the part`, result?.ETag, `"${md5Hex(part)}"`);
      completed.push({
        PartNumber: index + 1, ETag: result?.ETag,
        ChecksumCRC32: result?.ChecksumCRC32, ChecksumCRC32C: result?.ChecksumCRC32C,
        ChecksumSHA1: result?.ChecksumSHA1, ChecksumSHA256: result?.ChecksumSHA256,
        ChecksumCRC64NVME: result?.ChecksumCRC64NVME,
      });
    }

    const listed = await step("ListParts", () => s3.send(new ListPartsCommand({
      Bucket: bucket, Key: "data/multipart.bin", UploadId: upload.UploadId,
    })));
    checkEqual("ListParts lists both parts",
      JSON.stringify((listed?.Parts ?? []).map((p) => [p.PartNumber, p.Size, p.ETag])),
      JSON.stringify(parts.map((p, i) => [i + 1, p.length, `"${md5Hex(p)}"`])));

    const complete = await step("CompleteMultipartUpload", () => s3.send(new CompleteMultipartUploadCommand({
      Bucket: bucket, Key: "data/multipart.bin", UploadId: upload.UploadId, MultipartUpload: { Parts: completed },
    })));
    checkEqual("CompleteMultipartUpload ETag", complete?.ETag, multipartETag(parts));

    const getWhole = await step("GetObject multipart", () => s3.send(new GetObjectCommand({ Bucket: bucket, Key: "data/multipart.bin" })));
    if (getWhole) {
      checkBytes("GetObject multipart returns the parts in order", await getWhole.Body.transformToByteArray(), whole);
      checkEqual("GetObject multipart Content-Type", getWhole.ContentType, "application/x-smoke");
      checkEqual("GetObject multipart ETag", getWhole.ETag, multipartETag(parts));
    }
  }

  // Listing
  const all = await step("ListObjectsV2", () => s3.send(new ListObjectsV2Command({ Bucket: bucket })));
  checkEqual("ListObjectsV2 keys in order", JSON.stringify((all?.Contents ?? []).map((o) => o.Key)),
    JSON.stringify(["data/large.bin", "data/multipart.bin", "data/streamed.bin", "docs/copy.txt", "docs/hello.txt"]));
  checkEqual("ListObjectsV2 size of data/large.bin",
    (all?.Contents ?? []).find((o) => o.Key === "data/large.bin")?.Size, large.length);

  const delimited = await step("ListObjectsV2 with delimiter", () => s3.send(new ListObjectsV2Command({ Bucket: bucket, Delimiter: "/" })));
  checkEqual("ListObjectsV2 with delimiter CommonPrefixes", JSON.stringify((delimited?.CommonPrefixes ?? []).map((p) => p.Prefix)),
    JSON.stringify(["data/", "docs/"]));
  checkEqual("ListObjectsV2 with delimiter has no keys at the top", (delimited?.Contents ?? []).length, 0);

  const paged = await step("ListObjectsV2 page of 2", () => s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "data/", MaxKeys: 2 })));
  checkEqual("ListObjectsV2 page of 2 keys", JSON.stringify((paged?.Contents ?? []).map((o) => o.Key)),
    JSON.stringify(["data/large.bin", "data/multipart.bin"]));
  checkEqual("ListObjectsV2 page of 2 IsTruncated", paged?.IsTruncated, true);
  if (paged?.NextContinuationToken) {
    const next = await step("ListObjectsV2 next page", () => s3.send(new ListObjectsV2Command({
      Bucket: bucket, Prefix: "data/", MaxKeys: 2, ContinuationToken: paged.NextContinuationToken,
    })));
    checkEqual("ListObjectsV2 next page keys", JSON.stringify((next?.Contents ?? []).map((o) => o.Key)), JSON.stringify(["data/streamed.bin"]));
    checkEqual("ListObjectsV2 next page IsTruncated", next?.IsTruncated, false);
  } else {
    fail("ListObjectsV2 page of 2 NextContinuationToken", "missing");
  }

  // Deletes and the errors that follow them
  const deleted = await step("DeleteObject", () => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "docs/hello.txt" })));
  checkEqual("DeleteObject status", deleted?.$metadata.httpStatusCode, 204);
  await expectError("GetObject of a deleted key is NoSuchKey",
    () => s3.send(new GetObjectCommand({ Bucket: bucket, Key: "docs/hello.txt" })), "NoSuchKey", 404);
  await expectError("HeadObject of a deleted key is NotFound",
    () => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "docs/hello.txt" })), "NotFound", 404);

  await expectError("DeleteBucket of a bucket with objects is BucketNotEmpty",
    () => s3.send(new DeleteBucketCommand({ Bucket: bucket })), "BucketNotEmpty", 409);

  const rest = ["data/large.bin", "data/multipart.bin", "data/streamed.bin", "docs/copy.txt"];
  const deletedMany = await step("DeleteObjects", () => s3.send(new DeleteObjectsCommand({
    Bucket: bucket, Delete: { Objects: rest.map((Key) => ({ Key })) },
  })));
  checkEqual("DeleteObjects deleted every key", JSON.stringify((deletedMany?.Deleted ?? []).map((d) => d.Key).sort()), JSON.stringify(rest));
  checkEqual("DeleteObjects reported no errors", (deletedMany?.Errors ?? []).length, 0);

  const empty = await step("ListObjectsV2 after deleting", () => s3.send(new ListObjectsV2Command({ Bucket: bucket })));
  checkEqual("ListObjectsV2 after deleting is empty", (empty?.Contents ?? []).length, 0);

  const deletedBucket = await step("DeleteBucket", () => s3.send(new DeleteBucketCommand({ Bucket: bucket })));
  checkEqual("DeleteBucket status", deletedBucket?.$metadata.httpStatusCode, 204);
  await expectError("HeadBucket of a deleted bucket is NotFound",
    () => s3.send(new HeadBucketCommand({ Bucket: bucket })), "NotFound", 404);

  checkAddressing("every request addressed the bucket as configured", bucket);
  const payloads = [...new Set(sent.map((r) => (r.payload?.length === 64 ? "<sha256 hex>" : r.payload) ?? "<none>"))];
  console.log(`# ${sent.length} requests; x-amz-content-sha256 values sent: ${payloads.join(", ")}`);
  s3.destroy();
}

/** Path style: host is the endpoint's, path starts with /bucket. Virtual host: host is bucket.DOMAIN. */
function checkAddressing(name, bucket) {
  const endpointHost = new URL(endpoint).hostname;
  const wrong = sent.filter((r) => {
    if (r.path === "/" && r.hostname === (addressing === "path" ? endpointHost : process.env.NUAGE_DOMAIN)) {
      return false; // ListBuckets
    }
    return addressing === "path"
      ? r.hostname !== endpointHost || !(r.path === `/${bucket}` || r.path.startsWith(`/${bucket}/`))
      : r.hostname !== `${bucket}.${process.env.NUAGE_DOMAIN}` || r.path.startsWith(`/${bucket}`);
  });
  check(name, sent.length > 0 && wrong.length === 0,
    `requests not sent ${addressing} style: ${JSON.stringify(wrong.slice(0, 5))}`);
}

try {
  await main();
} catch (error) {
  fail("unexpected exception", error?.stack ?? String(error));
}
console.log(failures === 0 ? "# all checks passed" : `# ${failures} check(s) failed`);
process.exitCode = failures === 0 ? 0 : 1;

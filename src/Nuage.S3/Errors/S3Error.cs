namespace Nuage.S3.Errors;

/// <summary>An AWS S3 error code with its HTTP status and default message ("Error responses", S3 API reference).</summary>
public sealed record S3Error(string Code, int Status, string DefaultMessage)
{
    public static readonly S3Error AccessDenied = new("AccessDenied", 403, "Access Denied");
    public static readonly S3Error AuthorizationHeaderMalformed = new("AuthorizationHeaderMalformed", 400, "The authorization header is malformed.");
    public static readonly S3Error AuthorizationQueryParametersError = new("AuthorizationQueryParametersError", 400, "Error parsing the X-Amz-Credential parameter.");
    public static readonly S3Error BadDigest = new("BadDigest", 400, "The Content-MD5 you specified did not match what we received.");
    public static readonly S3Error BucketAlreadyExists = new("BucketAlreadyExists", 409, "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.");
    public static readonly S3Error BucketAlreadyOwnedByYou = new("BucketAlreadyOwnedByYou", 409, "Your previous request to create the named bucket succeeded and you already own it.");
    public static readonly S3Error BucketNotEmpty = new("BucketNotEmpty", 409, "The bucket you tried to delete is not empty.");
    public static readonly S3Error EntityTooLarge = new("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed object size.");
    public static readonly S3Error EntityTooSmall = new("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size.");
    /// <summary>Ceph RGW's answer to a write over a quota; Nuage's account quotas answer it too (docs/accounts-and-access.md).</summary>
    public static readonly S3Error QuotaExceeded = new("QuotaExceeded", 403, "The write would take the account over its storage quota.");
    public static readonly S3Error ExpiredToken = new("AccessDenied", 403, "Request has expired");
    public static readonly S3Error ExpiredSessionToken = new("ExpiredToken", 400, "The provided token has expired.");
    public static readonly S3Error IllegalLocationConstraintException = new("IllegalLocationConstraintException", 400, "The specified location-constraint is not valid for this region.");
    public static readonly S3Error IncompleteBody = new("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header.");
    public static readonly S3Error InternalError = new("InternalError", 500, "We encountered an internal error. Please try again.");
    public static readonly S3Error InvalidAccessKeyId = new("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.");
    /// <summary>PutBucketLogging: the target bucket is missing, not the source owner's without a grant to log delivery, or refuses log objects.</summary>
    public static readonly S3Error InvalidTargetBucketForLogging = new("InvalidTargetBucketForLogging", 400, "The target bucket for logging does not exist");
    /// <summary>PutBucketLogging: "Cross S3 location logging not allowed" (source and target in different regions).</summary>
    public static readonly S3Error CrossLocationLoggingProhibited = new("CrossLocationLoggingProhibited", 403, "Cross S3 location logging not allowed.");
    public static readonly S3Error InvalidArgument = new("InvalidArgument", 400, "Invalid Argument");
    public static readonly S3Error InvalidBucketName = new("InvalidBucketName", 400, "The specified bucket is not valid.");
    public static readonly S3Error InvalidDigest = new("InvalidDigest", 400, "The Content-MD5 you specified is not valid.");
    public static readonly S3Error InvalidPart = new("InvalidPart", 400, "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag.");
    public static readonly S3Error InvalidPartOrder = new("InvalidPartOrder", 400, "The list of parts was not in ascending order. The parts list must be specified in order by part number.");
    public static readonly S3Error InvalidPolicyDocument = new("InvalidPolicyDocument", 400, "The content of the form does not meet the conditions specified in the policy document.");
    public static readonly S3Error MalformedPOSTRequest = new("MalformedPOSTRequest", 400, "The body of your POST request is not well-formed multipart/form-data.");
    public static readonly S3Error InvalidRange = new("InvalidRange", 416, "The requested range is not satisfiable");
    public static readonly S3Error InvalidToken = new("InvalidToken", 400, "The provided token is malformed or otherwise invalid.");
    public static readonly S3Error InvalidURI = new("InvalidURI", 400, "Couldn't parse the specified URI.");
    public static readonly S3Error InvalidRequest = new("InvalidRequest", 400, "Invalid Request");
    public static readonly S3Error KmsDisabled = new("KMS.DisabledException", 400, "The KMS key is disabled.");
    public static readonly S3Error KmsNotFound = new("KMS.NotFoundException", 400, "The KMS key does not exist.");
    public static readonly S3Error KeyTooLongError = new("KeyTooLongError", 400, "Your key is too long.");
    public static readonly S3Error MalformedPolicy = new("MalformedPolicy", 400, "Policies must be valid JSON and the first byte must be '{'");
    public static readonly S3Error MalformedXML = new("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema.");
    public static readonly S3Error MaxMessageLengthExceeded = new("MaxMessageLengthExceeded", 400, "Your request was too big.");
    public static readonly S3Error MetadataTooLarge = new("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size.");
    public static readonly S3Error MethodNotAllowed = new("MethodNotAllowed", 405, "The specified method is not allowed against this resource.");
    public static readonly S3Error MissingContentLength = new("MissingContentLength", 411, "You must provide the Content-Length HTTP header.");
    public static readonly S3Error MissingSecurityHeader = new("MissingSecurityHeader", 400, "Your request is missing a required header.");
    /// <summary>A bucket of another region of the federation (301, with x-amz-bucket-region, Bucket and Endpoint).</summary>
    public static readonly S3Error PermanentRedirect = new(
        "PermanentRedirect", 301, "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.");
    public static readonly S3Error NoSuchBucket = new("NoSuchBucket", 404, "The specified bucket does not exist.");
    public static readonly S3Error NoSuchBucketPolicy = new("NoSuchBucketPolicy", 404, "The bucket policy does not exist");
    public static readonly S3Error NoSuchKey = new("NoSuchKey", 404, "The specified key does not exist.");
    public static readonly S3Error NoSuchUpload = new("NoSuchUpload", 404, "The specified multipart upload does not exist. The upload ID might be invalid, or the multipart upload might have been aborted or completed.");
    public static readonly S3Error NoSuchVersion = new("NoSuchVersion", 404, "The specified version does not exist.");
    public static readonly S3Error NotImplemented = new("NotImplemented", 501, "A header you provided implies functionality that is not implemented.");
    public static readonly S3Error NotModified = new("NotModified", 304, "Not Modified");
    public static readonly S3Error PreconditionFailed = new("PreconditionFailed", 412, "At least one of the preconditions you specified did not hold.");
    public static readonly S3Error RequestTimeTooSkewed = new("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large.");
    public static readonly S3Error SignatureDoesNotMatch = new("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    public static readonly S3Error XAmzContentSHA256Mismatch = new("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");
    public static readonly S3Error InvalidChecksum = new("BadDigest", 400, "The checksum you specified did not match the calculated checksum.");
    public static readonly S3Error InvalidEncodingType = new("InvalidArgument", 400, "Invalid Encoding Method specified in Request");
    public static readonly S3Error InvalidObjectState = new("InvalidObjectState", 403, "The operation is not valid for the current state of the object.");
    public static readonly S3Error RequestTimeout = new("RequestTimeout", 400, "Your socket connection to the server was not read from or written to within the timeout period.");
    public static readonly S3Error ServiceUnavailable = new("ServiceUnavailable", 503, "Please reduce your request rate.");
    /// <summary>
    /// The metadata database is out of reach or the write lost a race it could not win in its replays: nothing was
    /// done, try again. SlowDown is the 503 S3 documents ("Error responses", "SlowDown") and every AWS SDK retries
    /// with backoff as a throttling error.
    /// </summary>
    public static readonly S3Error SlowDown = new("SlowDown", 503, "Please reduce your request rate.");
    public static readonly S3Error MalformedACLError = new("MalformedACLError", 400, "The XML you provided was not well-formed or did not validate against our published schema");
    public static readonly S3Error UnresolvableGrantByEmailAddress = new("UnresolvableGrantByEmailAddress", 400, "The email address you provided does not match any account on record.");
    public static readonly S3Error AccessControlListNotSupported = new("AccessControlListNotSupported", 400, "The bucket does not allow ACLs");
    public static readonly S3Error InvalidBucketAclWithObjectOwnership = new("InvalidBucketAclWithObjectOwnership", 400, "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
    public static readonly S3Error OwnershipControlsNotFoundError = new("OwnershipControlsNotFoundError", 404, "The bucket ownership controls were not found");
    public static readonly S3Error NoSuchPublicAccessBlockConfiguration = new("NoSuchPublicAccessBlockConfiguration", 404, "The public access block configuration was not found");
    public static readonly S3Error ReplicationConfigurationNotFoundError = new("ReplicationConfigurationNotFoundError", 404, "The replication configuration was not found");
    public static readonly S3Error NoSuchLifecycleConfiguration = new("NoSuchLifecycleConfiguration", 404, "The lifecycle configuration does not exist");
    public static readonly S3Error InvalidRetentionPeriod = new("InvalidRetentionPeriod", 400, "Default retention period must be a positive integer value.");
    public static readonly S3Error InvalidBucketState = new("InvalidBucketState", 409, "The request is not valid with the current state of the bucket.");
    public static readonly S3Error ObjectLockConfigurationNotFoundError = new("ObjectLockConfigurationNotFoundError", 404, "Object Lock configuration does not exist for this bucket");
    public static readonly S3Error NoSuchObjectLockConfiguration = new("NoSuchObjectLockConfiguration", 404, "The specified object does not have a ObjectLock configuration");
    public static readonly S3Error NoSuchTagSet = new("NoSuchTagSet", 404, "The TagSet does not exist");

    /// <summary>A tag set breaking S3's rules (count, length, characters, duplicate keys): "InvalidTag" in the S3 error code list.</summary>
    public static readonly S3Error InvalidTag = new("InvalidTag", 400, "The tag provided was not a valid tag.");
    /// <summary>An SSE-C algorithm other than AES256 (S3 error code list: InvalidEncryptionAlgorithmError).</summary>
    public static readonly S3Error InvalidEncryptionAlgorithmError = new("InvalidEncryptionAlgorithmError", 400, "The encryption request you specified is not valid. The valid value is AES256.");

    /// <summary>GetBucketEncryption on a bucket without a default encryption configuration.</summary>
    public static readonly S3Error ServerSideEncryptionConfigurationNotFoundError = new("ServerSideEncryptionConfigurationNotFoundError", 404, "The server side encryption configuration was not found");
    public static readonly S3Error NoSuchCORSConfiguration = new("NoSuchCORSConfiguration", 404, "The CORS configuration does not exist");

    /// <summary>A preflight no rule admits, or to a bucket without CORS ("Appendix: OPTIONS object": 403 Forbidden).</summary>
    public static readonly S3Error CorsForbidden = new(
        "AccessForbidden", 403,
        "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.");

    /// <summary>A preflight without its required Origin or Access-Control-Request-Method ("Appendix: OPTIONS object", request headers).</summary>
    public static readonly S3Error BadRequest = new("BadRequest", 400, "Insufficient information. Origin request header needed.");
}

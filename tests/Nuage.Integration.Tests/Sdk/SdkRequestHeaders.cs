using Amazon.Runtime;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>Adds a raw header to an SDK request before it is signed, for header forms the model cannot express.</summary>
internal static class SdkRequestHeaders
{
    public static T WithHeader<T>(this T request, string name, string value)
        where T : AmazonWebServiceRequest
    {
        ((Amazon.Runtime.Internal.IAmazonWebServiceRequest)request).AddBeforeRequestHandler((_, e) =>
        {
            if (e is WebServiceRequestEventArgs args)
            {
                args.Headers[name] = value;
            }
        });
        return request;
    }
}

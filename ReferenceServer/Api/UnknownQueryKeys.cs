namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary>What an API does with query keys it does not know.</summary>
internal enum UnknownQueryKeys
{
    /// <summary>400 <c>Unknown URL query keys</c>, except <c>access_token</c>: the request then simply has no credentials.</summary>
    Refused,

    /// <summary>400 for <c>access_token</c> too: the real server's dataset APIs (defect unknown-query-keys-400).</summary>
    RefusedTokenToo,

    /// <summary>Left unread: the real server's <c>/api/v1/key</c> (defect unknown-query-keys-400).</summary>
    Ignored,
}

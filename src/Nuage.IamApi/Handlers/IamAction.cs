using Nuage.IamApi.Protocol;

namespace Nuage.IamApi.Handlers;

/// <summary>One IAM or STS action: does the work and returns what to write in its Result element (null: none).</summary>
public delegate Task<ResultWriter?> IamAction(IamCall call);

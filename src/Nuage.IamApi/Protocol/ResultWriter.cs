namespace Nuage.IamApi.Protocol;

/// <summary>Writes the content of an action's &lt;ActionResult&gt; element; actions that return nothing have none.</summary>
public delegate void ResultWriter(QueryXml xml);

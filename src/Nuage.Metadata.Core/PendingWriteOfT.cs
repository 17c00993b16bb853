namespace Nuage.Metadata.Core;

public sealed class PendingWrite<T>(Func<IMetadataTransaction, T> work, CancellationToken cancellationToken)
    : PendingWrite(cancellationToken)
{
    // Continuations run on the thread pool, never on the writer thread, so a slow caller cannot stall the batch loop.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override void Execute(IMetadataTransaction transaction) => _result = work(transaction);

    public override void Finish()
    {
        if (Failure is null)
        {
            _completion.TrySetResult(_result!);
        }
        else if (Failure is OperationCanceledException canceled)
        {
            _completion.TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            _completion.TrySetException(Failure);
        }
    }
}

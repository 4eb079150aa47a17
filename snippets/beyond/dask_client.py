import logging
import os
import pickle

from dask.distributed import Client, LocalCluster, as_completed


def square(x):
    return x * x


def cluster_here():
    """A cluster on this machine: loopback only, no dashboard (so no bokeh).

    silence_logs=CRITICAL keeps the scheduler's and the workers' log
    lines out of the output. On a busy machine a worker may log a
    CommClosedError from its heartbeat while the cluster shuts down:
    Dask's own shutdown race, harmless; this program checks its results.
    """
    return LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.CRITICAL,
    )


def main():
    with cluster_here() as cluster:
        # For a real cluster, only this line changes:
        #     with Client("tcp://scheduler-host:8786") as client:
        with Client(cluster.scheduler_address) as client:
            use(client)
    print("cluster closed")


def use(client):
    pids = client.run(os.getpid)  # {worker address: its pid}
    print(
        f"{len(pids)} workers, none of them this process:",
        os.getpid() not in pids.values(),
    )

    future = client.submit(square, 7)
    print("submit(square, 7).result():", future.result())
    futures = client.map(square, range(6))
    print("map + gather:", client.gather(futures))
    done = [f.result() for f in as_completed(futures)]
    print("as_completed, sorted:", sorted(done))

    offset = 100
    shift = lambda x: x + offset  # noqa: E731 (a lambda is the point)
    try:
        pickle.dumps(shift)
    except (pickle.PicklingError, AttributeError) as err:
        print("pickle.dumps(lambda):", type(err).__name__)
    print("client.submit(lambda, 1):", client.submit(shift, 1).result())


if __name__ == "__main__":
    main()

# recursion: the naive Fibonacci and a recursive list sum
N = 20  # scale


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def rsum(lst, i):
    if i == len(lst):
        return 0
    return lst[i] + rsum(lst, i + 1)


print(fib(N), rsum([i for i in range(500)], 0))

# An exception leaving a with body reaches __exit__ as (type, value, tb):
# tb is the exception's traceback object, whose first entry is the frame
# of the with statement; a true result suppresses the exception.
import gc
gc.collect()


class Logged:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit saw", exc_type is not None, tb is not None)
        if tb is not None:
            print(type(tb).__name__, tb is exc.__traceback__)
            print(tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_next is None)
        return True


print("start")
with Logged():
    raise KeyError("k")
print("end")


def work():
    with Logged():
        [][1]
    return "done"


print(work())
with Logged():
    pass
print(gc.collect())

from ninja import Router

router = Router(tags=["Ärenden, sammanträden och beslut"])

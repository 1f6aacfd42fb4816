import datetime as dt

TODAY = dt.date.today()
YEAR = TODAY.year

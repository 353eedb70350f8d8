"""newsclean's Scrapy project: fetches pages and wires them to :mod:`cleaners`."""
